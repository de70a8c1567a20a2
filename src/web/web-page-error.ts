/**
 * An error a page shows as a page: the status and a message key the error
 * template translates (`errors.<key>`), plus optional detail from the service.
 */
export class WebPageError extends Error {
  constructor(
    readonly status: number,
    readonly key: 'csrf' | 'notFound' | 'linkInvalid' | 'forbidden' | 'tooLarge' | 'generic',
    readonly detail?: string,
  ) {
    super(`${status} ${key}${detail ? `: ${detail}` : ''}`);
  }
}
