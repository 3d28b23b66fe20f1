// Types of github-api.mjs for the TypeScript tests.

export declare const ANNOTATIONS_PER_REQUEST: number

export interface Annotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: string
  message: string
  title?: string
  raw_details?: string
}

export interface CheckRun {
  id: number
  owner: string
  repo: string
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  title?: string
  summary?: string
  /** Every annotation of every request, in the order received. */
  annotations: Annotation[]
}

export interface GitHubRequest {
  method: string
  path: string
  /** As received (a secret: for assertions only, never print it). */
  authorization: string | undefined
  /** The parsed JSON body. */
  body: unknown
  /** HTTP status sent. */
  status: number
}

export interface GitHubApiOptions {
  port?: number
  /** The only token accepted. */
  token?: string
  /** false: the token lacks `checks: write`, every check-run write is answered 403. */
  checksWrite?: boolean
  /** Requests of this method are answered with this status (the first `times` of them; default all). */
  fault?: { method: 'POST' | 'PATCH'; status: number; times?: number }
}

export interface GitHubApi {
  /** For GITHUB_API_URL. */
  url: string
  token: string
  requests: GitHubRequest[]
  checkRuns: Map<number, CheckRun>
  close(): Promise<void>
}

export declare function startGitHubApi(options?: GitHubApiOptions): Promise<GitHubApi>
