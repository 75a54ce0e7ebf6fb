import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import customElements from '../custom-elements.json';
import { applyLocale } from '../src/core/localization.js';

// Controls and the docs tables (attributes, properties, events, slots, parts, CSS properties and
// states) come from the manifest that `npm run analyze` writes from the elements' JSDoc.
setCustomElementsManifest(customElements);

// The elements inherit `color-scheme` and colour with light-dark(); the page follows suit.
document.body.style.background = 'Canvas';
document.body.style.color = 'CanvasText';

type Scheme = 'light' | 'dark';
type Direction = 'ltr' | 'rtl';

/**
 * Locale, colour scheme and direction are page settings, applied to the document root rather than
 * by wrapping stories in a provider: stories bring their own `api` (and sometimes their own
 * provider), and a host page sets these the same way.
 */
function applyPageSettings(locale: string, scheme: Scheme, dir: Direction): void {
  const root = document.documentElement;
  root.lang = locale;
  root.dir = dir;
  root.style.colorScheme = scheme;
}

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Language of strings, numbers and dates',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English (en)' },
          { value: 'de', title: 'Deutsch (de)' },
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
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', scheme: 'light', dir: 'ltr' },
  // A loader runs before the story renders, so the strings are loaded when the elements first paint.
  loaders: [
    async ({ globals }) => {
      applyPageSettings(globals.locale ?? 'en', globals.scheme ?? 'light', globals.dir ?? 'ltr');
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
