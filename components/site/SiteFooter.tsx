export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 py-8 text-sm text-slate-500 dark:border-slate-800 dark:text-slate-400">
      <div className="mx-auto max-w-6xl px-4">
        Layerwise runs every model in your browser; nothing you load leaves your device. Sample photos: scikit-image sample data (CC0 and public domain).
      </div>
    </footer>
  );
}
