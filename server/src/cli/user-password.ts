import { AppError } from '../http/app-error.ts';
import { assertStrongPassword } from '../modules/auth/auth.service.ts';
import { hashPassword } from '../security/passwords.ts';
import { generateStrongPassword } from '../seed/generated-password.ts';
import { CliError } from './cli-context.ts';

/**
 * The password given on the command line (checked against the password rules), or a generated one. A generated
 * password has been shown on a console, so its user must change it at first sign-in.
 */
export async function choosePassword(given: string | undefined, username: string) {
  if (given !== undefined) {
    try {
      assertStrongPassword(given, username);
    } catch (err) {
      throw err instanceof AppError ? new CliError(err.message) : err;
    }
  }
  const password = given ?? generateStrongPassword();
  return { password, generated: given === undefined, hash: await hashPassword(password) };
}
