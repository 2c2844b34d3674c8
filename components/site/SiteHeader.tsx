import Link from 'next/link';
import { ThemeToggle } from './ThemeToggle';

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-1 px-2 sm:gap-4 sm:px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900 dark:text-white">
          <LogoMark />
          {/* On a phone the mark alone names the site, leaving room for the navigation. */}
          <span className="max-sm:sr-only">Layerwise</span>
        </Link>
        {/* Five links and the theme switch fit a 390 px phone: tighter spacing and 13 px text below sm. */}
        <nav
          aria-label="Site"
          className="flex items-center gap-1.5 text-[13px] tracking-tight sm:ml-2 sm:gap-4 sm:text-sm sm:tracking-normal text-slate-600 dark:text-slate-300"
        >
          <Link href="/#lessons" className="hover:text-slate-900 dark:hover:text-white">
            Lessons
          </Link>
          <Link href="/models" className="hover:text-slate-900 dark:hover:text-white">
            Models
          </Link>
          <Link href="/compare" className="hover:text-slate-900 dark:hover:text-white">
            Compare
          </Link>
          <Link href="/train" className="hover:text-slate-900 dark:hover:text-white">
            Train
          </Link>
          <Link href="/instructors" className="hover:text-slate-900 dark:hover:text-white">
            Instructors
          </Link>
        </nav>
        <div className="ml-auto">
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}

/** Three stacked bars, narrowing: a network seen layer by layer. */
function LogoMark() {
  return (
    <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
      <rect x="2" y="3" width="18" height="4" rx="1.5" className="fill-accent-500" />
      <rect x="4" y="9" width="14" height="4" rx="1.5" className="fill-accent-400" />
      <rect x="6" y="15" width="10" height="4" rx="1.5" className="fill-accent-300" />
    </svg>
  );
}
