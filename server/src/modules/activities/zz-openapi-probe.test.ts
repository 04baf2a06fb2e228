import { expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.ts';
it('openapi', async () => {
  const t = await buildTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json();
  const mine = Object.entries(doc.paths).filter(([p]) => p.includes('activit'));
  console.log(JSON.stringify(mine.map(([p, v]) => [p, Object.keys(v as object)])));
  console.log(JSON.stringify((doc.paths['/api/activities/{id}/attachments'] as any).post.requestBody ?? null));
  await t.close();
});
