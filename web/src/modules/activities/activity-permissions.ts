import type { ActivityView } from '@jinguo/common/activities.schema.ts';
import type { Me } from '@jinguo/common/auth.schema.ts';

/** mirrors the server's rule to hide buttons that would be refused: executives change only what they created */
export function canChangeActivity(me: Me, activity: ActivityView): boolean {
  if (me.user.role === 'admin' || me.user.role === 'staff') return true;
  return activity.createdBy === me.user.id;
}
