/** Its own module so that main can recognise a cancel without loading the create path's cancel handling. */

/** The step ends because the runner cancelled it; main exits at once after saying so. */
export class CancelledError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CancelledError'
  }
}
