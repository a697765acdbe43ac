/** The factory forgets to check the S right: any holder of the factory capability creates sessions. */
import { L4_CAP_FPAGE_S } from '../../l4re/cap.ts';
import type { Msg, Server_reply } from '../../l4re/ipc.ts';
import { Session_factory } from '../../impl/session_factory.ts';

export class No_s_check_factory extends Session_factory {
  override dispatch(rights: number, msg: Msg): Server_reply {
    return super.dispatch(rights | L4_CAP_FPAGE_S, msg);
  }
}
