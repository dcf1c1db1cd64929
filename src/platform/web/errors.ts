/** An error whose message is safe to show, with the HTTP status to answer with (and any headers, e.g. Retry-After). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'Page') => new HttpError(404, `${what} not found`);
export const forbidden = () => new HttpError(403, 'You do not have permission to see this');
