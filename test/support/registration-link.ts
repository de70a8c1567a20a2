/** The self-service token in a registration email's `/my-registration?token=` link. */
export function registrationTokenIn(text: string): string {
  return decodeURIComponent(/\/my-registration\?token=(\S+)/.exec(text)?.[1] ?? '');
}

/** The same token as the Authorization header value the API takes. */
export function registrationBearerIn(text: string): string {
  return `Bearer ${registrationTokenIn(text)}`;
}
