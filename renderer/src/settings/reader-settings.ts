import {
  defaultReaderSettings,
  type FontFamily,
  fontFamilies,
  type ReaderSettings,
  readerSettingRanges,
  type Theme,
  themes,
} from '../../../common/contract';
import { debounce, element } from '../dom';

/** Long enough that dragging a slider writes once at the end, short enough that quitting right after loses nothing. */
const saveDelayMs = 300;

const fontLabels: Record<FontFamily, string> = { serif: 'Serif', sans: 'Sans-serif', mono: 'Monospace', system: 'System' };
const themeLabels: Record<Theme, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark', sepia: 'Sepia' };
/** The CSS font list each family stands for (see the variables at the top of styles.css). */
const fontVariables: Record<FontFamily, string> = {
  serif: 'var(--serif-font)',
  sans: 'var(--sans-font)',
  mono: 'var(--mono-font)',
  system: 'var(--ui-font)',
};

const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

/** The theme actually shown: "system" resolves to light or dark as the operating system says now. */
export function resolveTheme(theme: Theme, systemPrefersDark: boolean): Exclude<Theme, 'system'> {
  return theme === 'system' ? (systemPrefersDark ? 'dark' : 'light') : theme;
}

/**
 * Puts the settings on the page: the theme as data-theme on <html>, the
 * typography as the CSS variables the reader uses, vertical lines turned off
 * as data-vertical-lines="off" (reading-flow.ts and styles.css read it).
 */
export function applyReaderSettings(settings: ReaderSettings, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = resolveTheme(settings.theme, systemDark.matches);
  if (settings.verticalLines) delete root.dataset.verticalLines;
  else root.dataset.verticalLines = 'off';
  root.style.setProperty('--reading-font', fontVariables[settings.fontFamily]);
  root.style.setProperty('--reading-size', `${settings.fontSize}px`);
  root.style.setProperty('--reading-leading', String(settings.lineHeight));
  root.style.setProperty('--measure', `${settings.columnWidth}em`);
}

interface RangeControl {
  key: 'fontSize' | 'lineHeight' | 'columnWidth';
  label: string;
  format(value: number): string;
}

const rangeControls: readonly RangeControl[] = [
  { key: 'fontSize', label: 'Text size', format: (value) => `${value} px` },
  { key: 'lineHeight', label: 'Line height', format: (value) => value.toFixed(2) },
  { key: 'columnWidth', label: 'Column width', format: (value) => `${value} em` },
];

/**
 * The reading settings: a popover (Escape or a click outside closes it)
 * with a labelled control per setting. Each change shows at once and is
 * saved through main shortly after, so it is there on the next launch.
 */
export class ReaderSettingsPopover {
  readonly element: HTMLElement;
  #settings: ReaderSettings = { ...defaultReaderSettings };
  #saving: Promise<void> = Promise.resolve();
  readonly #saver = debounce(() => {
    this.#saving = this.#save();
  }, saveDelayMs);
  readonly #fields = new Map<Exclude<keyof ReaderSettings, 'verticalLines'>, HTMLInputElement | HTMLSelectElement>();
  #verticalLines: HTMLInputElement | null = null;
  readonly #outputs = new Map<keyof ReaderSettings, HTMLOutputElement>();

  constructor(
    private readonly opener: HTMLButtonElement,
    private readonly persist: (settings: ReaderSettings) => Promise<ReaderSettings>,
    private readonly reportError: (message: string) => void,
  ) {
    this.element = element('div', 'settings-popover');
    this.element.id = 'reader-settings';
    this.element.popover = 'auto';
    this.element.setAttribute('role', 'dialog');
    this.element.setAttribute('aria-labelledby', 'reader-settings-title');
    const title = element('h2', 'settings-title', 'Reading settings');
    title.id = 'reader-settings-title';
    this.element.append(
      title,
      this.#fontField(),
      ...rangeControls.map((control) => this.#rangeField(control)),
      this.#themeField(),
      this.#verticalLinesField(),
    );
    opener.setAttribute('aria-haspopup', 'dialog');
    opener.setAttribute('aria-controls', this.element.id);
    opener.addEventListener('click', () => this.element.togglePopover());
    this.element.addEventListener('beforetoggle', (event) => {
      if ((event as ToggleEvent).newState === 'open') this.#place();
    });
    window.addEventListener('resize', () => {
      if (this.element.matches(':popover-open')) this.#place();
    });
    this.element.addEventListener('toggle', (event) => {
      const open = (event as ToggleEvent).newState === 'open';
      opener.setAttribute('aria-expanded', String(open));
      if (open) this.#fields.get('fontFamily')?.focus();
      else {
        void this.flush();
        // Back where the keyboard was, unless a click outside moved it on.
        if (!document.activeElement || document.activeElement === document.body || this.element.contains(document.activeElement))
          opener.focus();
      }
    });
    systemDark.addEventListener('change', () => applyReaderSettings(this.#settings));
    applyReaderSettings(this.#settings);
  }

  /**
   * Places the popover over the sidebar, just above its opener, rather than
   * in the middle of the window: the text being adjusted stays in view, so
   * each change is seen as it is made.
   */
  #place(): void {
    const margin = 8;
    const area = (this.opener.closest('.sidebar') ?? this.opener.parentElement ?? this.opener).getBoundingClientRect();
    const opener = this.opener.getBoundingClientRect();
    const style = this.element.style;
    style.left = `${area.left + margin}px`;
    style.width = `${Math.max(0, area.width - 2 * margin)}px`;
    style.bottom = `${Math.max(margin, window.innerHeight - opener.top + margin)}px`;
    style.maxHeight = `${Math.max(0, opener.top - 2 * margin)}px`;
  }

  /** Shows the saved settings (called once main has answered). */
  show(settings: ReaderSettings): void {
    this.#settings = { ...settings };
    applyReaderSettings(this.#settings);
    for (const [key, field] of this.#fields) {
      if (key === 'theme') continue;
      field.value = String(this.#settings[key]);
      this.#outputs.get(key)?.replaceChildren(this.#formatted(key));
    }
    for (const radio of this.element.querySelectorAll<HTMLInputElement>('input[name="theme"]'))
      radio.checked = radio.value === this.#settings.theme;
    if (this.#verticalLines) this.#verticalLines.checked = this.#settings.verticalLines;
  }

  /** Sends a pending change now (before the window closes); resolves once main has it. */
  flush(): Promise<void> {
    this.#saver.flush();
    return this.#saving;
  }

  #formatted(key: keyof ReaderSettings): string {
    const control = rangeControls.find((candidate) => candidate.key === key);
    return control ? control.format(this.#settings[control.key]) : '';
  }

  #change(update: Partial<ReaderSettings>): void {
    this.#settings = { ...this.#settings, ...update };
    applyReaderSettings(this.#settings);
    this.#saver.schedule();
  }

  async #save(): Promise<void> {
    try {
      await this.persist(this.#settings);
    } catch (error) {
      this.reportError(`Your reading settings were not saved: ${(error as Error).message}`);
    }
  }

  #fontField(): HTMLElement {
    const label = element('label', 'settings-field');
    label.append(element('span', 'settings-label', 'Font'));
    const select = element('select', 'settings-select');
    for (const family of fontFamilies) {
      const option = element('option', undefined, fontLabels[family]);
      option.value = family;
      select.append(option);
    }
    select.addEventListener('change', () => this.#change({ fontFamily: select.value as FontFamily }));
    this.#fields.set('fontFamily', select);
    label.append(select);
    return label;
  }

  #rangeField(control: RangeControl): HTMLElement {
    const { min, max, step } = readerSettingRanges[control.key];
    const label = element('label', 'settings-field');
    const input = element('input', 'settings-range');
    input.type = 'range';
    input.min = String(min);
    input.max = String(max);
    input.step = String(step);
    const output = element('output', 'settings-value');
    input.addEventListener('input', () => {
      this.#change({ [control.key]: Number(input.value) });
      output.textContent = control.format(this.#settings[control.key]);
    });
    this.#fields.set(control.key, input);
    this.#outputs.set(control.key, output);
    label.append(element('span', 'settings-label', control.label), input, output);
    return label;
  }

  #themeField(): HTMLElement {
    const fieldset = element('fieldset', 'settings-themes');
    fieldset.append(element('legend', 'settings-label', 'Theme'));
    for (const theme of themes) {
      const label = element('label', `settings-theme settings-theme-${theme}`);
      const radio = element('input');
      radio.type = 'radio';
      radio.name = 'theme';
      radio.value = theme;
      radio.addEventListener('change', () => radio.checked && this.#change({ theme }));
      label.append(radio, ` ${themeLabels[theme]}`);
      fieldset.append(label);
    }
    return fieldset;
  }

  #verticalLinesField(): HTMLElement {
    const label = element('label', 'settings-check');
    const checkbox = element('input');
    checkbox.type = 'checkbox';
    checkbox.addEventListener('change', () => this.#change({ verticalLines: checkbox.checked }));
    this.#verticalLines = checkbox;
    label.append(checkbox, ' Vertical lines in books set that way (Japanese, Chinese)');
    return label;
  }
}
