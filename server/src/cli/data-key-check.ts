import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { createCipher, loadDataKey } from '../security/personal-data.ts';

/**
 * Personal numbers are encrypted with a key kept outside the database (JINGUO_DATA_KEY or DATA_DIR/secrets/
 * data.key), so a backup is readable only with the key it was made under. After a restore, tell the operator
 * whether the key at hand opens the restored data. Never creates a key.
 */
export async function describeDataKey(db: Kysely<Database>, config: Config): Promise<string[]> {
  const keyFile = path.join(config.dataDir, 'secrets', 'data.key');
  const reminder = `提醒：手机号、身份证号等加密信息须用备份时的同一数据加密密钥才能解密（JINGUO_DATA_KEY，或数据目录中的 secrets/data.key）。`;
  const sample = await db
    .selectFrom('persons')
    .select(['phone_enc', 'id_number_enc'])
    .where((eb) => eb.or([eb('phone_enc', 'is not', null), eb('id_number_enc', 'is not', null)]))
    .limit(1)
    .executeTakeFirst();
  if (!config.dataKey && !fs.existsSync(keyFile)) {
    return [reminder, `未找到数据加密密钥：请设置 JINGUO_DATA_KEY，或把原数据目录的 secrets/data.key 复制到 ${keyFile}。`];
  }
  const sealed = sample?.phone_enc ?? sample?.id_number_enc;
  if (!sealed) return [reminder, '恢复的数据中没有加密信息，无法核对密钥。'];
  try {
    createCipher(loadDataKey({ configured: config.dataKey, dataDir: config.dataDir })).decrypt(Buffer.from(sealed));
    return [reminder, '已核对：当前数据加密密钥能解密恢复的数据。'];
  } catch {
    return [reminder, '警告：当前数据加密密钥无法解密恢复的数据！请换用备份时的密钥，否则加密信息将无法查看。'];
  }
}
