/**
 * Region_tree: the disjoint regions of one address space in an AVL tree keyed
 * by start, augmented for lowest-fit search.
 *
 *                 [0x20000,0x22000) lo=0x10000 hi=0x40000 gap=0x1e000
 *                /                                  \
 *   [0x10000,0x11000)                          [0x40000,0x41000)
 *   lo=0x10000 hi=0x11000 gap=0                lo=0x40000 hi=0x41000 gap=0
 *
 *   lo   start of the subtree's first region      hi  end of its last region
 *   gap  the widest hole between two consecutive regions of the subtree
 *
 * Invariants: in-order starts ascend and regions do not overlap; every node's
 * height, lo, hi and gap are recomputed from its children; balance factors lie
 * in [-1, 1], so floor and search cost O(log n).
 */
export interface Region {
  readonly start: number;
  readonly end: number;
}

interface Node<R extends Region> {
  readonly region: R;
  left: Node<R> | null;
  right: Node<R> | null;
  height: number;
  lo: number;
  hi: number;
  gap: number;
}

function height<R extends Region>(n: Node<R> | null): number {
  return n === null ? 0 : n.height;
}

function pull<R extends Region>(n: Node<R>): Node<R> {
  const { left: l, right: r, region } = n;
  n.height = 1 + Math.max(height(l), height(r));
  n.lo = l === null ? region.start : l.lo;
  n.hi = r === null ? region.end : r.hi;
  n.gap = Math.max(l === null ? 0 : Math.max(l.gap, region.start - l.hi), r === null ? 0 : Math.max(r.gap, r.lo - region.end));
  return n;
}

function rotate_right<R extends Region>(n: Node<R>): Node<R> {
  const l = n.left!;
  n.left = l.right;
  l.right = pull(n);
  return pull(l);
}

function rotate_left<R extends Region>(n: Node<R>): Node<R> {
  const r = n.right!;
  n.right = r.left;
  r.left = pull(n);
  return pull(r);
}

function rebalance<R extends Region>(n: Node<R>): Node<R> {
  pull(n);
  const bf = height(n.left) - height(n.right);
  if (bf > 1) {
    if (height(n.left!.left) < height(n.left!.right)) n.left = rotate_left(n.left!);
    return rotate_right(n);
  }
  if (bf < -1) {
    if (height(n.right!.right) < height(n.right!.left)) n.right = rotate_right(n.right!);
    return rotate_left(n);
  }
  return n;
}

function insert_node<R extends Region>(n: Node<R> | null, node: Node<R>): Node<R> {
  if (n === null) return node;
  if (node.region.start < n.region.start) n.left = insert_node(n.left, node);
  else n.right = insert_node(n.right, node);
  return rebalance(n);
}

/** The subtree without its leftmost node, which `out.min` receives. */
function take_min<R extends Region>(n: Node<R>, out: { min: Node<R> | null }): Node<R> | null {
  if (n.left === null) {
    out.min = n;
    return n.right;
  }
  n.left = take_min(n.left, out);
  return rebalance(n);
}

function remove_node<R extends Region>(n: Node<R>, start: number): Node<R> | null {
  if (start < n.region.start) n.left = remove_node(n.left!, start);
  else if (start > n.region.start) n.right = remove_node(n.right!, start);
  else {
    if (n.left === null || n.right === null) return n.left ?? n.right;
    const out: { min: Node<R> | null } = { min: null };
    const right = take_min(n.right, out);
    const m = out.min!;
    m.left = n.left;
    m.right = right;
    return rebalance(m);
  }
  return rebalance(n);
}

/** Lowest fit in the hole (a, b) of the subtree `n`, searching from `lo`; see Region_tree.search. */
function find_fit<R extends Region>(n: Node<R> | null, a: number, b: number, lo: number, size: number, align: number): number {
  if (n === null) {
    const s = Math.ceil(Math.max(a, lo) / align) * align;
    return s + size <= b ? s : -1;
  }
  if (b - Math.max(a, lo) < size) return -1;
  if (n.lo - a < size && n.gap < size && b - n.hi < size) return -1;
  const s = find_fit(n.left, a, n.region.start, lo, size, align);
  return s >= 0 ? s : find_fit(n.right, n.region.end, b, lo, size, align);
}

export class Region_tree<R extends Region> {
  protected root: Node<R> | null = null;
  protected count = 0;

  size(): number {
    return this.count;
  }

  /** Insert a region that overlaps none present. O(log n). */
  insert(region: R): void {
    const node: Node<R> = { region, left: null, right: null, height: 1, lo: region.start, hi: region.end, gap: 0 };
    this.root = insert_node(this.root, node);
    this.count++;
  }

  /** Remove the region starting at `start`, which is present. O(log n). */
  remove(start: number): void {
    this.root = remove_node(this.root!, start);
    this.count--;
  }

  /** The region with the greatest start <= addr, or null. O(log n). */
  floor(addr: number): R | null {
    let best: R | null = null;
    for (let n = this.root; n !== null; ) {
      if (n.region.start <= addr) {
        best = n.region;
        n = n.right;
      } else n = n.left;
    }
    return best;
  }

  /** The region containing `addr`, or null. O(log n). */
  containing(addr: number): R | null {
    const r = this.floor(addr);
    return r !== null && addr < r.end ? r : null;
  }

  /** Whether [start, end) meets any region. O(log n). */
  overlaps(start: number, end: number): boolean {
    const r = this.floor(end - 1);
    return r !== null && r.end > start;
  }

  /**
   * The lowest multiple `s` of `align` with `s >= lo` and `s + size <= limit` such
   * that [s, s + size) meets no region, or -1. O(log n) when `align` is at most
   * the granule all regions share; each hole wide enough but misaligned adds a path.
   */
  search(lo: number, size: number, align: number, limit: number): number {
    return find_fit(this.root, -Infinity, limit, lo, size, align);
  }

  /** Regions in ascending order. */
  *[Symbol.iterator](): IterableIterator<R> {
    const stack: Node<R>[] = [];
    for (let n = this.root; n !== null || stack.length > 0; ) {
      if (n !== null) {
        stack.push(n);
        n = n.left;
      } else {
        const top = stack.pop()!;
        yield top.region;
        n = top.right;
      }
    }
  }

  /**
   * Throws unless the tree is ordered, disjoint, balanced and its augmentation is exact:
   * height, lo, hi and gap are recomputed from the regions below each node, not by pull.
   */
  check_invariants(): void {
    const seen = { nodes: 0 };
    this.check_subtree(this.root, -Infinity, Infinity, seen);
    if (seen.nodes !== this.count) throw new Error(`Region_tree: ${seen.nodes} nodes, count says ${this.count}`);
  }

  /** The subtree's height, and its regions' first start, last end and widest hole between them; its regions lie in [a, b). */
  private check_subtree(n: Node<R> | null, a: number, b: number, seen: { nodes: number }): { h: number; lo: number; hi: number; gap: number } | null {
    if (n === null) return null;
    const { start, end } = n.region;
    if (!(start < end) || start < a || end > b) {
      throw new Error(`Region_tree: region [${start}, ${end}) is out of order or overlaps within [${a}, ${b})`);
    }
    const l = this.check_subtree(n.left, a, start, seen);
    const r = this.check_subtree(n.right, end, b, seen);
    seen.nodes++;
    const h = 1 + Math.max(l?.h ?? 0, r?.h ?? 0);
    const lo = l?.lo ?? start;
    const hi = r?.hi ?? end;
    const gap = Math.max(l?.gap ?? 0, r?.gap ?? 0, l === null ? 0 : start - l.hi, r === null ? 0 : r.lo - end);
    if (h !== n.height || lo !== n.lo || hi !== n.hi || gap !== n.gap) {
      throw new Error(`Region_tree: node [${start}, ${end}) holds height/lo/hi/gap ${n.height}/${n.lo}/${n.hi}/${n.gap}, its regions give ${h}/${lo}/${hi}/${gap}`);
    }
    if (Math.abs((l?.h ?? 0) - (r?.h ?? 0)) > 1) throw new Error(`Region_tree: node [${start}, ${end}) is out of balance`);
    return { h, lo, hi, gap };
  }
}
