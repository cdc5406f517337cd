/**
 * Which sandbox images this engine has. Tags are content hashes of each language's
 * folder (imageTags.mjs), so an image that is present is the one the folder describes;
 * a language whose image is missing is not offered until it is built
 * (`node executor/scripts/images.mjs <id>`).
 */
import type Docker from 'dockerode';
import { LANGUAGE_IDS, type LanguageId } from '../languages';
import { imageTag } from './imageTags.mjs';

export type Images = Partial<Record<LanguageId, string>>;

export async function findImages(docker: Docker): Promise<Images> {
  const found = await Promise.all(
    LANGUAGE_IDS.map(async (id) => {
      const tag = imageTag(id);
      try {
        await docker.getImage(tag).inspect();
        return [id, tag] as const;
      } catch (error) {
        // 404 is "not built"; anything else (engine down) must not pass for it.
        if ((error as { statusCode?: number }).statusCode === 404) return null;
        throw error;
      }
    }),
  );
  return Object.fromEntries(found.filter((entry) => entry !== null));
}
