/** Thrown to answer with a 303 redirect from a guard (guards cannot return a response). */
export class RedirectTo extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

/** An organiser page opened without a valid session: go to the login page, then back. */
export class LoginRequired extends RedirectTo {
  constructor(next: string) {
    super(`/login?next=${encodeURIComponent(next)}`);
  }
}
