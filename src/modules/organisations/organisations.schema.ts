// Input schemas for the organisations module; the TypeScript types come from them.
import { z } from 'zod';
import { longText, optionalText, optionalUuid, text, version } from '../../core/validation';
import { BODY_KINDS } from './organisations.tables';

export const bodyInput = z.object({
  name: text(200),
  shortName: z.preprocess((v) => v ?? '', z.string().trim().max(40)),
  kind: z.enum(BODY_KINDS as [string, ...string[]]),
  parentId: optionalUuid(),
  description: longText(5000),
});
export type BodyInput = z.output<typeof bodyInput>;

export const bodyUpdate = bodyInput.extend({ version: version() });

export const archiveInput = z.object({ version: version() });

export const optional = optionalText;
