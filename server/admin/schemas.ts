/**
 * TypeBox schemas of the curator routes (`/api/admin/…`), kept beside them; the OpenAPI
 * document is generated from these like from `server/schemas.ts`.
 */
import { Type } from 'typebox';
import { Id } from '../schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The `Authorization: Bearer` requirement, as OpenAPI states it. */
export const BEARER = [{ adminToken: [] as string[] }];

/** An article as an upload's answer shows it. */
export const AddedArticle = Type.Object({
  id: Type.String(),
  title: Type.String(),
  date: Nullable(Type.String()),
  source: Nullable(Type.String()),
  url: Nullable(Type.String()),
  sourceFile: Type.String({ description: 'Where the file is stored, relative to CORPUS_DIR (uploads/…).' }),
  passages: Type.Integer({ description: 'Passages indexed.' }),
  speakers: Type.Array(Type.String()),
  permalink: Type.String({ description: 'The article page: /articles/<id>.' }),
});

export const IngestWarningOut = Type.Object({ file: Type.String(), rule: Type.String(), message: Type.String() });

/** What happened to one file of an upload. */
export const FileOutcome = Type.Object({
  file: Type.String({ description: 'The name the client sent.' }),
  status: Type.Integer({ description: 'HTTP status for this file alone: 201 added, 200 unchanged, 4xx refused.' }),
  stored: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String({ description: 'Why the file was refused, one line.' })),
  articles: Type.Array(AddedArticle),
  replaced: Type.Optional(Type.String({ description: 'The article a PUT replaced (now in the trash).' })),
});

/** The answer of an upload that added at least one file. */
export const UploadResponse = Type.Object({
  articles: Type.Array(AddedArticle),
  warnings: Type.Array(IngestWarningOut),
  files: Type.Array(FileOutcome),
});

/** An error of the curator routes: the catalogue error plus, for uploads, each file's outcome. */
export const AdminErrorBody = Type.Object({
  error: Type.String(),
  message: Type.String(),
  parameter: Type.Optional(Type.String()),
  files: Type.Optional(Type.Array(FileOutcome)),
});

export const UploadQuery = Type.Object(
  { filename: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'The file name of a raw-body upload (.txt, .md, .html).' })) },
  { additionalProperties: false },
);

export const FromUrlBody = Type.Object(
  { url: Type.String({ minLength: 1, maxLength: 2000, description: 'An http or https address of a public page.' }) },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Id });

export const RemovedResponse = Type.Object({
  removed: Type.Object({ id: Type.String(), title: Type.String(), file: Type.String() }),
  restore: Type.String({ description: 'POST here (with the token) to restore the article.' }),
});

export const RestoredResponse = Type.Object({ articles: Type.Array(AddedArticle), warnings: Type.Array(IngestWarningOut) });

export const SpeakerBody = Type.Object(
  { speakerId: Nullable(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,119}$' })) },
  { additionalProperties: false },
);

export const SpeakerResponse = Type.Object({
  passageId: Type.String(),
  articleId: Type.String(),
  speakerId: Nullable(Type.String()),
  was: Nullable(Type.String()),
});

export const SessionResponse = Type.Object({
  ok: Type.Boolean(),
  uploadMaxBytes: Type.Integer(),
  extensions: Type.Array(Type.String()),
});
