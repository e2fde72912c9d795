/**
 * The slice of citation-js this project calls (the packages ship no type declarations).
 * @see https://citation.js.org/api/0.7/tutorial-output_options.html
 */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: { config: { get(name: string): any } };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
