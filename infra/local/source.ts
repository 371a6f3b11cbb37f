/** Where the local runtime gets its template: a file, or the Front Door stack synthesised in-process. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTemplate, type CfnTemplate } from './template';

export const REPO_ROOT = resolve(__dirname, '../..');

type Synthesize = () => CfnTemplate | Promise<CfnTemplate>;

/** `templateFile` undefined means the Front Door stack itself. */
export async function obtainTemplate(templateFile: string | undefined): Promise<CfnTemplate> {
  if (templateFile) return loadTemplate(templateFile);
  // Loaded by path so the runtime compiles and runs its own tests independently of the stack's code.
  const synth = (await import(pathToFileURL(resolve(REPO_ROOT, 'infra/synth.ts')).href)) as {
    synthesizeTemplate?: Synthesize;
    default?: { synthesizeTemplate?: Synthesize };
  };
  const synthesize = synth.synthesizeTemplate ?? synth.default?.synthesizeTemplate;
  if (!synthesize) throw new Error('infra/synth.ts must export synthesizeTemplate()');
  return synthesize();
}
