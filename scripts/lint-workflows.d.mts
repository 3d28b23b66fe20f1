// Types of lint-workflows.mjs for the TypeScript tests.

/** The fenced ```yaml blocks of a Markdown text that contain a step (`uses:`), with the line the code starts on. */
export declare function workflowExamples(markdown: string): { line: number; text: string }[]

/**
 * A whole workflow for an example: as it is when it has `jobs:`, else wrapped in one job. `offset` is how many
 * lines the wrapping put before the example's first line.
 */
export declare function asWorkflow(text: string): { workflow: string; offset: number }

/** This action's steps: every `with:` key an input of action.yml, and a checkout before a step that reads a job file. */
export declare function actionProblems(workflow: string, inputs: Set<string>): string[]
