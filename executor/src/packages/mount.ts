/**
 * How an installed package set reaches a sandbox: its cache folder bound read-only at
 * one fixed path, and the one variable that puts it on the language's import path.
 * Nothing else of the host is mounted, and the folder holds only what the registry sent.
 */
import type { PackageLanguage } from './specs';

/** Where a set appears inside the sandbox. */
export const PACKAGES_MOUNT = '/opt/codesync/packages';

export interface SandboxMount {
  binds: string[];
  env: string[];
}

export function packagesMount(language: PackageLanguage, hostDir: string): SandboxMount {
  const env =
    language === 'javascript'
      ? `NODE_PATH=${PACKAGES_MOUNT}/node_modules` // require() looks here after the program's own folders
      : `PYTHONPATH=${PACKAGES_MOUNT}`; // pip --target lays modules out flat
  return { binds: [`${hostDir}:${PACKAGES_MOUNT}:ro`], env: [env] };
}
