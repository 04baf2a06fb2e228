import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';
import { ensureSystemKinds, JPEG_BYTES, multipartFile, PDF_BYTES, PNG_BYTES, WEBP_BYTES } from './activities.test-fixtures.ts';

let t: TestApp;
let staff: Agent;
let exec: Agent;
let townBAdmin: Agent;
let filesDir: string;
let activityId: string;
beforeAll(async () => {
  t = await buildTestApp({ now: () => new Date('2026-03-10T02:00:00Z') });
  filesDir = path.join(t.database.dataDir, 'files');
  await ensureSystemKinds(t.db);
  [staff, exec, townBAdmin] = await Promise.all(['towna_staff', 'villagea1_exec', 'townb_admin'].map((u) => t.login(u)));
  activityId = (await staff.post('/api/activities', { orgId: t.tree.villageA1.id, kindCode: 'training', title: '培训', date: '2026-03-01', participants: 20 })).json().id;
});
afterAll(() => t.close());

async function upload(agent: Agent, id: string, file: { fileName: string; contentType: string; data: Buffer; field?: string }, kind = 'photo') {
  const body = await multipartFile(file);
  return agent.request({ method: 'POST', url: `/api/activities/${id}/attachments?kind=${kind}`, payload: body.payload, headers: body.headers });
}

const storedFiles = () => (fs.existsSync(filesDir) ? fs.readdirSync(filesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0);

describe('attachments', () => {
  it('stores a photo by its bytes under files/<province>/<year>/<id> and serves it back', async () => {
    const res = await upload(staff, activityId, { fileName: '活动 照片(1).png', contentType: 'application/octet-stream', data: PNG_BYTES });
    expect(res.statusCode, res.body).toBe(200);
    const att = res.json();
    expect(att).toMatchObject({ kind: 'photo', fileName: '活动 照片(1).png', mimeType: 'image/png', sizeBytes: PNG_BYTES.length, url: `/api/activities/${activityId}/attachments/${att.id}` });
    expect(fs.readFileSync(path.join(filesDir, '14', '2026', att.id))).toEqual(PNG_BYTES);
    expect((await staff.get(`/api/activities/${activityId}`)).json().attachments).toEqual([att]);

    const file = await exec.get(att.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(`inline; filename="__ __(1).png"; filename*=UTF-8''%E6%B4%BB%E5%8A%A8%20%E7%85%A7%E7%89%87%281%29.png`);
    expect(file.rawPayload).toEqual(PNG_BYTES);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'attachment').where('entity_id', '=', att.id).execute();
    expect(audit).toEqual([{ action: 'create', after: expect.objectContaining({ activityId, fileName: '活动 照片(1).png', mimeType: 'image/png' }) }]);
  });

  it('accepts JPEG, WebP and PDF sign-in sheets, a PDF as a download', async () => {
    expect((await upload(staff, activityId, { fileName: 'a.jpg', contentType: 'image/jpeg', data: JPEG_BYTES })).json().mimeType).toBe('image/jpeg');
    expect((await upload(staff, activityId, { fileName: 'b.webp', contentType: 'image/webp', data: WEBP_BYTES })).json().mimeType).toBe('image/webp');
    const sheet = await upload(staff, activityId, { fileName: '签到表.pdf', contentType: 'application/pdf', data: PDF_BYTES }, 'signin_sheet');
    expect(sheet.json()).toMatchObject({ kind: 'signin_sheet', mimeType: 'application/pdf' });
    const file = await staff.get(sheet.json().url);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="___\.pdf"; filename\*=UTF-8''%E7%AD%BE%E5%88%B0%E8%A1%A8\.pdf$/);
  });

  it('refuses a file whose bytes are not an accepted type whatever the client says, and one over 10 MB', async () => {
    const before = storedFiles();
    const rows = async () => (await t.db.selectFrom('attachments').select('id').execute()).length;
    const rowsBefore = await rows();
    const fake = await upload(staff, activityId, { fileName: 'photo.png', contentType: 'image/png', data: Buffer.from('<html>not a png</html>') });
    expect(fake.statusCode).toBe(415);
    expect(fake.json()).toMatchObject({ code: 'FILE_TYPE', message: expect.stringContaining('只能上传') });
    const empty = await upload(staff, activityId, { fileName: 'empty.png', contentType: 'image/png', data: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(415);
    const big = Buffer.concat([PNG_BYTES, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(staff, activityId, { fileName: 'big.png', contentType: 'image/png', data: big });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'FILE_TOO_LARGE', message: '文件不能超过 10 MB' });
    expect(storedFiles()).toBe(before);
    expect(await rows()).toBe(rowsBefore);
  });

  it('removes the written file when its row cannot be inserted', async () => {
    await sql`alter table attachments add constraint test_refuse_name check (file_name <> 'refused.png')`.execute(t.db);
    const before = storedFiles();
    const res = await upload(staff, activityId, { fileName: 'refused.png', contentType: 'image/png', data: PNG_BYTES });
    expect(res.statusCode).toBe(400);
    expect(storedFiles()).toBe(before);
    await sql`alter table attachments drop constraint test_refuse_name`.execute(t.db);
  });

  it('refuses requests without a file field, non-multipart bodies and unknown kinds', async () => {
    const wrongField = await upload(staff, activityId, { field: 'photo', fileName: 'a.png', contentType: 'image/png', data: PNG_BYTES });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().message).toContain('字段名应为 file');
    const json = await staff.post(`/api/activities/${activityId}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toContain('multipart');
    const badKind = await upload(staff, activityId, { fileName: 'a.png', contentType: 'image/png', data: PNG_BYTES }, 'selfie');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().message).toContain('附件类型');
  });

  it('checks scope and role on every attachment route', async () => {
    const att = (await upload(staff, activityId, { fileName: 'scope.png', contentType: 'image/png', data: PNG_BYTES })).json();
    const outside = [
      await upload(townBAdmin, activityId, { fileName: 'x.png', contentType: 'image/png', data: PNG_BYTES }),
      await townBAdmin.get(att.url),
      await townBAdmin.del(att.url),
    ];
    for (const res of outside) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('OUT_OF_SCOPE');
    }
    // the executive did not record the activity: may look, may not change
    expect((await exec.get(att.url)).statusCode).toBe(200);
    expect((await upload(exec, activityId, { fileName: 'x.png', contentType: 'image/png', data: PNG_BYTES })).statusCode).toBe(403);
    expect((await exec.del(att.url)).statusCode).toBe(403);
    // an attachment id under another activity is not found
    const other = (await staff.post('/api/activities', { orgId: t.tree.townA.id, kindCode: 'other', title: '另一个', date: '2026-03-02', participants: 1 })).json();
    expect((await staff.get(`/api/activities/${other.id}/attachments/${att.id}`)).statusCode).toBe(404);
    expect(fs.existsSync(path.join(filesDir, '14', '2026', att.id))).toBe(true);
  });

  it('deletes an attachment with its file, and an activity with all of its files', async () => {
    const one = (await upload(staff, activityId, { fileName: 'gone.png', contentType: 'image/png', data: PNG_BYTES })).json();
    expect((await staff.del(one.url)).statusCode).toBe(200);
    expect(fs.existsSync(path.join(filesDir, '14', '2026', one.id))).toBe(false);
    expect((await staff.get(one.url)).statusCode).toBe(404);
    expect((await staff.get(`/api/activities/${activityId}`)).json().attachments.some((a: { id: string }) => a.id === one.id)).toBe(false);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', one.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);

    const keys = (await t.db.selectFrom('attachments').select('storage_key').where('activity_id', '=', activityId).execute()).map((r) => r.storage_key);
    expect(keys.length).toBeGreaterThan(0);
    expect((await staff.del(`/api/activities/${activityId}`)).statusCode).toBe(200);
    for (const key of keys) expect(fs.existsSync(path.join(filesDir, key))).toBe(false);
    expect(await t.db.selectFrom('attachments').select('id').where('activity_id', '=', activityId).execute()).toEqual([]);
  });

  it('deletes an attachment once when two removals race, with one audit row', async () => {
    const id = (await staff.post('/api/activities', { orgId: t.tree.villageA1.id, kindCode: 'training', title: '并发删除', date: '2026-03-01', participants: 2 })).json().id;
    const att = (await upload(staff, id, { fileName: 'race.png', contentType: 'image/png', data: PNG_BYTES })).json();
    const [a, b] = await Promise.all([staff.del(att.url), staff.del(att.url)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 404]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'attachment').where('entity_id', '=', att.id).execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['create', 'delete']);
  });
});
