import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_S, L4_CAP_FPAGE_W } from '../l4re/cap.ts';
import { L4_ENOENT } from '../l4re/err.ts';
import { L4_PROTO_LOG, type Msg, type Server_reply } from '../l4re/ipc.ts';
import { Registry_server } from './registry_server.ts';
import { Epiface_t } from '../l4re/epiface.ts';
import { create_world } from './world.ts';

class Recorder extends Epiface_t {
  readonly calls: number[] = [];
  dispatch(rights: number, _msg: Msg): Server_reply {
    this.calls.push(rights);
    return { ret: 7 };
  }
}

const MSG: Msg = { proto: L4_PROTO_LOG, opcode: 0, args: [] };

describe('Registry_server.handle', () => {
  it('dispatches a live label with its W and S bits, and answers a stale or unknown one -L4_ENOENT', () => {
    const w = create_world({ quota: 2 ** 30 });
    const t = w.create_task('srv');
    const rs = new Registry_server(t);
    const o = new Recorder();
    const label = w.debug_label(t, rs.registry.register_obj(o))!;
    expect(rs.dispatch(label | L4_CAP_FPAGE_W, MSG)).toEqual({ ret: 7 });
    expect(rs.dispatch(label | L4_CAP_FPAGE_W | L4_CAP_FPAGE_S, MSG)).toEqual({ ret: 7 });
    expect(rs.dispatch(label + 4, MSG)).toEqual({ ret: -L4_ENOENT });
    expect(rs.registry.unregister_obj(o)).toBe(0);
    expect(rs.dispatch(label | L4_CAP_FPAGE_W, MSG)).toEqual({ ret: -L4_ENOENT });
    expect(o.calls).toEqual([L4_CAP_FPAGE_W, L4_CAP_FPAGE_W | L4_CAP_FPAGE_S]);
  });
});
