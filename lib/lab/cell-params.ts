/**
 * The feature-map view's selected unit in links, declared once for the lab page and the
 * lab-feature-maps embed: `channel` (a channel of the layer, or a feature of a vector) and `cell`
 * ("row,column" of its map). Their values are checked against the layer when it is known
 * (cell-selection.ts parseSelection), with a message for one that does not exist.
 */
import { stringP, type StringParam } from '../url-state/schema';

export const CHANNEL_PARAM: StringParam = stringP(
  /^(?:\d{1,6})?$/,
  'a channel index such as 12 (empty: none)',
  6,
  '',
  'the selected channel of the layer (a feature, for a vector); shown large with its statistics',
);

export const CELL_PARAM: StringParam = stringP(
  /^(?:\d{1,4},\d{1,4})?$/,
  'a cell as row,column such as 3,5 (empty: none)',
  9,
  '',
  'the selected cell of that channel (0,0 for a vector): its theoretical and effective receptive fields are drawn on the input image',
);
