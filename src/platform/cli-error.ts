/** Thrown by a command for bad input: the message is printed and the process exits with `code` (2 by default). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}
