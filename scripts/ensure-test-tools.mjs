// What the tests need beyond npm, from Debian's packages: Chromium and Chinese fonts for the browser tests
// (Playwright's own browser download cannot work on machines that reach only the npm registry and Debian),
// LibreOffice and poppler to render generated Word documents to PDF and PNG, pgbouncer for the pooling test.
import fs from 'node:fs';
import { aptInstall, isRoot } from './lib/apt.mjs';
import { isMainModule } from './lib/processes.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const TOOLS = [
  { name: 'Chromium', pkg: 'chromium', files: [CHROMIUM_PATH] },
  {
    name: 'Noto CJK fonts',
    pkg: 'fonts-noto-cjk',
    files: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'],
  },
  { name: 'LibreOffice Writer', pkg: 'libreoffice-writer-nogui', files: ['/usr/bin/soffice'] },
  { name: 'poppler', pkg: 'poppler-utils', files: ['/usr/bin/pdftoppm', '/usr/bin/pdfinfo', '/usr/bin/pdffonts'] },
  { name: 'pgbouncer', pkg: 'pgbouncer', files: ['/usr/sbin/pgbouncer'] },
];

const missingTools = () => TOOLS.filter((t) => !t.files.every((f) => fs.existsSync(f)));

/** install what is missing (as root) or fail with what to do; returns the Chromium path */
export async function ensureTestTools() {
  const missing = missingTools();
  if (missing.length > 0) {
    const packages = missing.map((t) => t.pkg);
    const names = missing.map((t) => `${t.name} (${t.pkg})`).join(', ');
    if (!isRoot()) {
      throw new Error(`missing for the tests: ${names}.\nInstall them as root: apt-get update && apt-get install -y ${packages.join(' ')}`);
    }
    console.error(`ensure-test-tools: installing ${packages.join(' ')}`);
    await aptInstall(packages);
    const still = missingTools();
    if (still.length > 0) throw new Error(`still missing after apt-get install: ${still.map((t) => t.pkg).join(', ')}`);
  }
  return CHROMIUM_PATH;
}

if (isMainModule(import.meta.url)) {
  ensureTestTools().then(
    (p) => console.log(`JINGUO_CHROMIUM=${p}`),
    (err) => {
      console.error(`ensure-test-tools: ${err.message}`);
      process.exit(1);
    },
  );
}
