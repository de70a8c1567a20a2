import { extensionOf } from './material-file-name';

export const MATERIAL_KINDS = ['pdf', 'pptx', 'odp', 'docx', 'xlsx', 'png', 'jpeg', 'mp4', 'zip'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

interface MaterialType {
  label: string;
  /** What downloads are served as. */
  contentType: string;
  /** The first is added to a name that has none. */
  extensions: string[];
  /** Other declared types clients send for the same content. */
  alsoDeclaredAs: string[];
}

/** The accepted material types (issue: PDF, PPTX, ODP, DOCX, XLSX, PNG/JPEG, MP4 and ZIP). */
export const MATERIAL_TYPES: Record<MaterialKind, MaterialType> = {
  pdf: { label: 'PDF document', contentType: 'application/pdf', extensions: ['pdf'], alsoDeclaredAs: ['application/x-pdf'] },
  pptx: {
    label: 'PowerPoint presentation (PPTX)',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    alsoDeclaredAs: [],
  },
  odp: {
    label: 'OpenDocument presentation (ODP)',
    contentType: 'application/vnd.oasis.opendocument.presentation',
    extensions: ['odp'],
    alsoDeclaredAs: [],
  },
  docx: {
    label: 'Word document (DOCX)',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    alsoDeclaredAs: [],
  },
  xlsx: {
    label: 'Excel workbook (XLSX)',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    alsoDeclaredAs: [],
  },
  png: { label: 'PNG image', contentType: 'image/png', extensions: ['png'], alsoDeclaredAs: [] },
  jpeg: { label: 'JPEG image', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], alsoDeclaredAs: ['image/pjpeg'] },
  mp4: { label: 'MP4 video', contentType: 'video/mp4', extensions: ['mp4', 'm4v'], alsoDeclaredAs: ['application/mp4', 'video/x-m4v'] },
  zip: {
    label: 'ZIP archive',
    contentType: 'application/zip',
    extensions: ['zip'],
    alsoDeclaredAs: ['application/x-zip-compressed', 'application/x-zip', 'multipart/x-zip'],
  },
};

/**
 * Declared types that claim nothing: what browsers and HTTP clients send for
 * a file they do not recognise. They never disagree with the content.
 */
const UNSPECIFIC_TYPES = new Set(['application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/**
 * Why the name or the declared type contradicts what the content is, or null
 * when they agree. A name without an extension claims nothing.
 */
export function disagreement(kind: MaterialKind, fileName: string, declaredType: string): string | null {
  const type = MATERIAL_TYPES[kind];
  const extension = extensionOf(fileName);
  if (extension !== null && !type.extensions.includes(extension)) {
    return `The file is a ${type.label}, but its name ends in .${extension}; name it .${type.extensions.join(' or .')}`;
  }
  const declared = declaredType.trim().toLowerCase();
  if (declared && !UNSPECIFIC_TYPES.has(declared) && declared !== type.contentType && !type.alsoDeclaredAs.includes(declared)) {
    return `The file is a ${type.label}, but it was sent as ${declared}`;
  }
  return null;
}

export function acceptedTypesText(): string {
  return MATERIAL_KINDS.map((kind) => MATERIAL_TYPES[kind].label).join(', ');
}
