import type { CSSProperties } from 'react';

/**
 * app/globals.css makes every `.prose table` a scrolling block (display: block), which also hits
 * tables inside `not-prose` widgets and stops them filling their width. The widgets wrap their
 * tables in their own scrolling container, so they restore table layout inline (an unlayered rule
 * beats Tailwind's utility layer, an inline style beats both).
 */
export const TABLE_STYLE: CSSProperties = { display: 'table' };
