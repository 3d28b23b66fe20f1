// Types of release.mjs for the TypeScript tests.

export interface ReleaseCheck {
  /** One line per reason the release cannot go out; empty when it can. */
  problems: string[]
  /** The major tag to move (v1), when there are no problems. */
  major?: string
  /** The changelog section of the version, trimmed, when there are no problems. */
  notes?: string
}

/** What a release of `tag` needs, from package.json's version and the changelog's text. Pure. */
export declare function checkRelease(input: { tag: string; version: string; changelog: string }): ReleaseCheck

/** The text under `## [version]` up to the next `## ` heading, or undefined when there is none. */
export declare function changelogSection(changelog: string, version: string): string | undefined
