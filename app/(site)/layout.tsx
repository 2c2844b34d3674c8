import type { ReactNode } from 'react';
import { SiteChrome } from './SiteChrome';

/** Every page of the site (a route group: the URLs have no "(site)" in them). */
export default function SiteLayout({ children }: { children: ReactNode }) {
  return <SiteChrome>{children}</SiteChrome>;
}
