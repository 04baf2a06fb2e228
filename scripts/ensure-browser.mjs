// Chromium and Chinese fonts for the browser tests, from Debian's packages (Playwright's own browser
// download cannot work on machines that reach only the npm registry and Debian).
import fs from 'node:fs';
import { aptInstall, isRoot } from './lib/apt.mjs';
import { isMainModule } from './lib/processes.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
];
const PACKAGES = ['chromium', 'fonts-noto-cjk'];

function missingParts() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM_PATH)) missing.push(`Chromium (${CHROMIUM_PATH})`);
  if (!CJK_FONT_FILES.every((f) => fs.existsSync(f))) missing.push('Noto CJK fonts (fonts-noto-cjk)');
  return missing;
}

/** install what is missing (as root) or fail with what to do; sets and returns JINGUO_CHROMIUM */
export async function ensureBrowser() {
  const missing = missingParts();
  if (missing.length > 0) {
    if (!isRoot()) {
      throw new Error(
        `missing for the browser tests: ${missing.join(', ')}.\n` +
          `Install them as root: apt-get update && apt-get install -y ${PACKAGES.join(' ')}`,
      );
    }
    console.error(`ensure-browser: installing ${PACKAGES.join(' ')} (missing: ${missing.join(', ')})`);
    await aptInstall(PACKAGES);
    const still = missingParts();
    if (still.length > 0) throw new Error(`still missing after apt-get install: ${still.join(', ')}`);
  }
  process.env.JINGUO_CHROMIUM = CHROMIUM_PATH;
  return CHROMIUM_PATH;
}

if (isMainModule(import.meta.url)) {
  ensureBrowser().then(
    (p) => console.log(`JINGUO_CHROMIUM=${p}`),
    (err) => {
      console.error(`ensure-browser: ${err.message}`);
      process.exit(1);
    },
  );
}
