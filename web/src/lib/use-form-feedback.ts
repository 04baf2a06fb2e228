import { App, type FormInstance } from 'antd';
import { showFieldErrors } from './errors.ts';

/**
 * What a form modal says after a save: a short success message (then `after`, e.g. closing), or the server's
 * field problems under their fields and the rest as messages.
 */
export function useFormFeedback(form: FormInstance) {
  const { message } = App.useApp();
  return {
    saved: (after: () => void, text = '已保存') => () => {
      message.success(text);
      after();
    },
    failed: (err: unknown) => showFieldErrors(form, err).forEach((m) => message.error(m)),
  };
}
