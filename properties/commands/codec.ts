/**
 * Commands as data, for counterexample files: `[class name, ...constructor
 * arguments]`, with numbers JSON cannot hold (NaN, ±Infinity) written as
 * `{"$number": "NaN"}`. A codec lists every command class of one kind of
 * program with its constructor's fields in order.
 *
 * Invariant: decode(encode(c)) is a command that runs exactly as c does.
 */
export type Command_data = readonly [string, ...unknown[]];

type Command_class<C> = new (...args: any[]) => C;

/** A command class and the names of its constructor's parameter properties, in order; an optional one ends in `?`. */
export type Codec_entry<C> = readonly [Command_class<C>, readonly string[]];

export class Codec<C extends object> {
  private readonly names = new Map<unknown, string>();

  constructor(readonly entries: Readonly<Record<string, Codec_entry<C>>>) {
    for (const [name, [cls]] of Object.entries(entries)) this.names.set(cls, name);
  }

  encode(c: C): Command_data {
    const name = this.names.get(c.constructor);
    if (name === undefined) throw new TypeError(`no codec entry for command class ${c.constructor.name}`);
    const fields = this.entries[name]![1];
    const args = fields.map((f) => to_json((c as Record<string, unknown>)[f.replace(/\?$/, '')]));
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    return [name, ...args];
  }

  /** The command `d` describes; throws an Error naming what is wrong with it. */
  decode(d: unknown): C {
    if (!Array.isArray(d) || typeof d[0] !== 'string') throw new Error(`not a command: ${short(d)} (want ["Name", ...arguments])`);
    const [name, ...args] = d as [string, ...unknown[]];
    const entry = Object.hasOwn(this.entries, name) ? this.entries[name] : undefined;
    if (entry === undefined) throw new Error(`unknown command ${JSON.stringify(name)} (known: ${Object.keys(this.entries).join(', ')})`);
    const [cls, fields] = entry;
    const required = fields.filter((f) => !f.endsWith('?')).length;
    if (args.length < required || args.length > fields.length) {
      throw new Error(`${name} takes ${required === fields.length ? required : `${required} to ${fields.length}`} arguments (${fields.join(', ')}), got ${args.length}`);
    }
    return new cls(...args.map(from_json));
  }
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function to_json(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $number: String(v) };
  if (Array.isArray(v)) return v.map(to_json);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, to_json(x)]));
  return v;
}

function from_json(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(from_json);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$number' && typeof o.$number === 'string') return Number(o.$number);
  return Object.fromEntries(keys.map((k) => [k, from_json(o[k])]));
}
