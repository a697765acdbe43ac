/** The server ignores the deletion notification: a session whose last client left is never freed. */
import { Object_registry } from '../../impl/object_registry.ts';

export class Deaf_registry extends Object_registry {
  override gate_deleted(): void {}
}
