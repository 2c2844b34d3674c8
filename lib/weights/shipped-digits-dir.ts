/** Node only. The repository folder the shipped digits weights live in (the site's static folder, public/weights/digits/). */
import { fileURLToPath } from 'node:url';

export const SHIPPED_DIGITS_FS_DIR = fileURLToPath(new URL('../../public/weights/digits/', import.meta.url));
