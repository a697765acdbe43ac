/**
 * Typed access (l4re/memory.ts) the obvious way: every call is one read or one
 * write of a fresh byte array, and their Page_fault is thrown as a
 * Page_fault_error. A copy reads its whole source before it writes anything.
 */
import { type Page_fault, is_page_fault } from '../l4re/mem.ts';
import { address_fault, check_len, check_u64, get_u64, is_address, type Memory, Page_fault_error, set_u64 } from '../l4re/memory.ts';

export abstract class Memory_by_read_write implements Memory {
  abstract read(addr: number, len: number): Uint8Array | Page_fault;
  abstract write(addr: number, data: Uint8Array): 0 | Page_fault;

  load_u8(addr: number): number {
    return this.load(addr, 1).getUint8(0);
  }

  load_u16(addr: number): number {
    return this.load(addr, 2).getUint16(0, true);
  }

  load_u32(addr: number): number {
    return this.load(addr, 4).getUint32(0, true);
  }

  load_u64(addr: number): number {
    return get_u64(this.load(addr, 8), 0);
  }

  store_u8(addr: number, v: number): void {
    this.store(addr, 1, (d) => d.setUint8(0, v));
  }

  store_u16(addr: number, v: number): void {
    this.store(addr, 2, (d) => d.setUint16(0, v, true));
  }

  store_u32(addr: number, v: number): void {
    this.store(addr, 4, (d) => d.setUint32(0, v, true));
  }

  store_u64(addr: number, v: number): void {
    check_u64(v);
    this.store(addr, 8, (d) => set_u64(d, 0, v));
  }

  copy(dst: number, src: number, len: number): void {
    check_len('Rm.copy', len);
    if (len > 0) this.put(dst, this.get(src, len));
  }

  fill(addr: number, byte: number, len: number): void {
    check_len('Rm.fill', len);
    if (len > 0) this.put(addr, new Uint8Array(len).fill(byte & 0xff));
  }

  private get(addr: number, len: number): Uint8Array {
    if (!is_address(addr)) throw address_fault('read', addr);
    const r = this.read(addr, len);
    if (is_page_fault(r)) throw new Page_fault_error(r.fault, r.addr);
    return r;
  }

  private put(addr: number, data: Uint8Array): void {
    if (!is_address(addr)) throw address_fault('write', addr);
    const r = this.write(addr, data);
    if (r !== 0) throw new Page_fault_error(r.fault, r.addr);
  }

  private load(addr: number, n: number): DataView {
    const b = this.get(addr, n);
    return new DataView(b.buffer, b.byteOffset, n);
  }

  private store(addr: number, n: number, set: (d: DataView) => void): void {
    const b = new Uint8Array(n);
    set(new DataView(b.buffer));
    this.put(addr, b);
  }
}
