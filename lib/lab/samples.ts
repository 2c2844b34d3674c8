/**
 * The built-in sample photos (served from /samples/, copied there at build with LICENSES.md).
 * Attribution as scikit-image records it; shown next to the picker wherever a photo is used.
 */
import { enumP, type EnumParam } from '@/lib/url-state/schema';

export interface SamplePhoto {
  readonly id: string;
  readonly file: string;
  readonly label: string;
  /** What the photo shows, also its alt text. */
  readonly subject: string;
  readonly credit: string;
  readonly licence: string;
}

export const SAMPLES_PATH = '/samples/';
export const SAMPLES_LICENSE_URL = '/samples/LICENSES.md';

/** The one list of built-in photos: the lab, the embeds and every widget with a photo picker use it. */
export const SAMPLE_PHOTOS = [
  { id: 'chelsea', file: 'chelsea.png', label: 'Cat', subject: 'a tabby cat', credit: 'Stefan van der Walt', licence: 'CC0' },
  {
    id: 'coffee',
    file: 'coffee.png',
    label: 'Coffee',
    subject: 'a cup of coffee',
    credit: 'Rachel Michetti (courtesy of Pikolo Espresso Bar)',
    licence: 'CC0',
  },
  { id: 'astronaut', file: 'astronaut.png', label: 'Astronaut', subject: 'astronaut Eileen Collins', credit: 'NASA', licence: 'public domain' },
  { id: 'rocket', file: 'rocket.jpg', label: 'Rocket', subject: 'the DSCOVR launch on a Falcon 9', credit: 'SpaceX', licence: 'public domain' },
] as const satisfies readonly SamplePhoto[];

export type SampleId = (typeof SAMPLE_PHOTOS)[number]['id'];
export const SAMPLE_IDS: readonly SampleId[] = SAMPLE_PHOTOS.map((s) => s.id);
export const DEFAULT_SAMPLE: SampleId = 'chelsea';

/** The `sample` URL parameter, wherever a photo can be picked. */
export function sampleParam(doc = 'built-in input photo'): EnumParam<SampleId> {
  return enumP(SAMPLE_IDS, DEFAULT_SAMPLE, doc);
}

/** The sample for an id, also accepting the file name ("rocket.jpg") the URL state might carry. */
export function sampleById(id: string): SamplePhoto {
  return SAMPLE_PHOTOS.find((s) => s.id === id || s.file === id) ?? SAMPLE_PHOTOS[0];
}

export function sampleUrl(s: SamplePhoto): string {
  return `${SAMPLES_PATH}${s.file}`;
}

/** "Photo: a tabby cat by Stefan van der Walt, CC0 (scikit-image sample data)." */
export function sampleAttribution(s: SamplePhoto): string {
  return `Photo: ${s.subject}, ${s.credit}, ${s.licence} (scikit-image sample data).`;
}
