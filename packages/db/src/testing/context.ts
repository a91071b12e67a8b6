export const TEMPLATE_DATABASE = 'promptnx_template';

/** What the global setup hands to every test file. */
export interface TestPostgres {
  port: number;
  adminUrl: string;
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    promptnxPostgres: TestPostgres;
  }
}
