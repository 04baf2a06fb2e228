import { passwordIsStrong } from '@jinguo/common/auth.schema.ts';

const classes = [
  { label: '大写字母', test: /[A-Z]/ },
  { label: '小写字母', test: /[a-z]/ },
  { label: '数字', test: /\d/ },
  { label: '符号', test: /[^A-Za-z0-9]/ },
];

/** what the strength rule (common/auth.schema.ts passwordIsStrong) sees in a password, for the live hint */
export function describePassword(pw: string) {
  return {
    strong: passwordIsStrong(pw),
    longEnough: pw.length >= 10,
    present: classes.filter((c) => c.test.test(pw)).map((c) => c.label),
  };
}

/** antd form rule: refuse what the server would refuse, before sending */
export const strongPasswordRule = {
  validator: (_: unknown, v: string | undefined) =>
    !v || passwordIsStrong(v) ? Promise.resolve() : Promise.reject(new Error('密码强度不足，请按下方提示修改')),
};
