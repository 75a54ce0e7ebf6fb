import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import customElements from '../custom-elements.json';
import { applyLocale } from '../src/core/localization.js';

interface ManifestItem {
  name: string;
  description?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  kind?: string;
}
interface ManifestDeclaration {
  tagName?: string;
  members?: ManifestItem[];
  cssStates?: ManifestItem[];
}
interface Manifest {
  modules: Array<{ declarations?: ManifestDeclaration[] }>;
}

/**
 * The manifest as Storybook should show it: controls only for what a host can set (no protected,
 * static or read-only members).
 */
function forStorybook(manifest: Manifest): Manifest {
  const copy = structuredClone(manifest);
  for (const declaration of copy.modules.flatMap((m) => m.declarations ?? [])) {
    if (declaration.tagName) declaration.members = declaration.members?.filter((m) => !m.privacy && !m.static && !m.readonly);
  }
  return copy;
}

const manifest = customElements as Manifest;
const declarationOf = (tagName: unknown) =>
  manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName !== undefined && d.tagName === tagName);

type ArgTypesEnhancer = NonNullable<Preview['argTypesEnhancers']>[number];

/** Storybook has no table for custom states: list them as their own category, without controls. */
const customStatesEnhancer: ArgTypesEnhancer = ({ component, argTypes }) => {
  const states = declarationOf(component)?.cssStates ?? [];
  const extra = Object.fromEntries(
    states.map((state) => [
      `:state(${state.name})`,
      {
        name: `:state(${state.name})`,
        description: state.description,
        control: false as const,
        table: { category: 'custom states', type: { summary: 'CSS selector' } },
      },
    ]),
  );
  return { ...argTypes, ...extra };
};

// Controls and the docs tables (attributes, properties, events, slots, parts, CSS properties and
// states) come from the manifest that `npm run analyze` writes from the elements' JSDoc.
setCustomElementsManifest(forStorybook(manifest));

// The elements inherit the page's font and `color-scheme` and colour with light-dark(); the
// canvas looks like a plain host page.
Object.assign(document.body.style, { background: 'Canvas', color: 'CanvasText', fontFamily: 'system-ui, sans-serif' });

type Scheme = 'light' | 'dark';
type Direction = 'ltr' | 'rtl' | 'auto';

/** Languages of the catalogues that are written right to left. */
const RTL_LANGUAGES = new Set(['ar']);

/**
 * Locale, colour scheme and direction are page settings, applied to the document root rather than
 * by wrapping stories in a provider: stories bring their own `api` (and sometimes their own
 * provider), and a host page sets these the same way.
 */
function applyPageSettings(locale: string, scheme: Scheme, dir: Direction): void {
  const root = document.documentElement;
  root.lang = locale;
  // "From the locale" is what a host page does: Arabic pages are dir="rtl", the others ltr.
  root.dir = dir === 'auto' ? (RTL_LANGUAGES.has(locale.split('-')[0]) ? 'rtl' : 'ltr') : dir;
  root.style.colorScheme = scheme;
}

const preview: Preview = {
  tags: ['autodocs'],
  argTypesEnhancers: [customStatesEnhancer],
  globalTypes: {
    locale: {
      description: 'Language of strings, numbers and dates',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English (en)' },
          { value: 'de', title: 'Deutsch (de)' },
          { value: 'fr', title: 'Français (fr)' },
          { value: 'es', title: 'Español (es)' },
          { value: 'ja', title: '日本語 (ja)' },
          { value: 'ar', title: 'العربية (ar, right to left)' },
        ],
        dynamicTitle: true,
      },
    },
    scheme: {
      description: 'Colour scheme',
      toolbar: {
        title: 'Scheme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'auto', title: 'From the locale' },
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', scheme: 'light', dir: 'auto' },
  // A loader runs before the story renders, so the strings are loaded when the elements first paint.
  loaders: [
    async ({ globals }) => {
      applyPageSettings(globals.locale ?? 'en', globals.scheme ?? 'light', globals.dir ?? 'auto');
      await applyLocale(globals.locale);
      return {};
    },
  ],
  parameters: {
    controls: { expanded: true },
    docs: { toc: true },
  },
};

export default preview;
