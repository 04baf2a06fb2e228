/** Stable error codes: HTTP status and the Chinese message shown to people. Thrown as AppError by services. */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误' },
  BAD_REQUEST: { status: 400, message: '请求有误' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账号已锁定 15 分钟' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用' },
  CSRF_FAILED: { status: 403, message: '页面已过期，请刷新后重试' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改初始密码后再使用系统' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  OUT_OF_SCOPE: { status: 404, message: '找不到该记录，或不在您的管辖范围内' },
  NOT_FOUND: { status: 404, message: '找不到该记录' },
  CONFLICT: { status: 409, message: '数据已被修改，请刷新后重试' },
  DUPLICATE: { status: 409, message: '记录已存在' },
  WEAK_PASSWORD: { status: 400, message: '密码强度不足：至少 10 位，且包含大写字母、小写字母、数字和符号中的三类' },
  WRONG_PASSWORD: { status: 400, message: '原密码不正确' },
  ORG_CLOSED: { status: 409, message: '该组织已撤销' },
  ORG_HAS_ACTIVE_CHILDREN: { status: 409, message: '请先撤销或移走下级组织' },
  ORG_MOVE_INVALID: { status: 400, message: '不能把组织移到它自己或它的下级之下' },
  ADMINISTRATIVE_ORG: { status: 409, message: '行政区划对应的妇联组织由区划代码生成，不能移动' },
  REPORT_LOCKED: { status: 409, message: '报表已审核通过，数据已锁定；如需修改，请由审核单位重新打开' },
  REPORT_STATE: { status: 409, message: '报表当前状态不允许此操作' },
  REPORT_NOT_OPEN: { status: 409, message: '本期报表尚未开放填报' },
  REPORT_INCOMPLETE: { status: 400, message: '报表还有必填项未填写' },
  CHILDREN_NOT_APPROVED: { status: 409, message: '下级单位的报表尚未全部审核通过，暂不能审核本级汇总' },
  NOT_RESPONDENT: { status: 409, message: '该单位不在此报表的填报范围内' },
  IMPORT_STATE: { status: 409, message: '导入任务当前状态不允许此操作' },
  FILE_TOO_LARGE: { status: 413, message: '文件过大' },
  FILE_TYPE: { status: 415, message: '文件类型不支持' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

export type ApiError = {
  code: ErrorCode;
  message: string;
  /** field problems: path such as "body.participants" → Chinese message */
  fields?: { path: string; message: string }[];
  details?: Record<string, unknown>;
};
