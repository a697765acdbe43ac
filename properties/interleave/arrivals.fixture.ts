/**
 * What an interleaving's transcript shows about the order of arrival: whether
 * a text was interrupted (another session's message or close arrived between
 * two of its fragments), and whether a session was closed mid-text.
 */

export interface Arrivals {
  readonly interrupted: boolean;
  readonly closed_mid_text: boolean;
}

const CREATE = /^(\w+): (s\d+) = /;
/** The client, whether more follows, the reply. */
const PRINT = /^(\w+): s\d+\.print\(.*?(, LOG_MORE)?\) {2}\/\/ (\S+)/;
const CLOSE = /^(?:\w+: cap_alloc\.free|logging: registry\.unregister_obj)\((s\d+)\)/;

export function arrivals(transcript: readonly string[]): Arrivals {
  const owner = new Map<string, string>();
  /** Clients with a text half sent. */
  const midway = new Set<string>();
  let interrupted = false;
  let closed_mid_text = false;
  for (const line of transcript) {
    const create = CREATE.exec(line);
    if (create) owner.set(create[2]!, create[1]!);
    const print = PRINT.exec(line);
    const close = CLOSE.exec(line);
    const who = print?.[1] ?? (close ? owner.get(close[1]!) : undefined);
    if (who === undefined) continue;
    if ([...midway].some((c) => c !== who)) interrupted = true;
    if (close && midway.has(who)) closed_mid_text = true;
    if (print?.[2] !== undefined && print[3] === '0') midway.add(who);
    else midway.delete(who);
  }
  return { interrupted, closed_mid_text };
}
