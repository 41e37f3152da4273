/** How the reader looks: font, size, line height, column width, theme, vertical lines. */
import { z } from 'zod';
import { event, method } from './define';

export const fontFamilies = ['serif', 'sans', 'mono', 'system'] as const;
export type FontFamily = (typeof fontFamilies)[number];
export const themes = ['system', 'light', 'dark', 'sepia'] as const;
export type Theme = (typeof themes)[number];

/** How the reader looks; kept in settings.json, remembered across launches. */
export interface ReaderSettings {
  fontFamily: FontFamily;
  /** CSS pixels. */
  fontSize: number;
  /** Unitless multiple of the font size. */
  lineHeight: number;
  /** The text column's width in `em` of the reading font. */
  columnWidth: number;
  theme: Theme;
  /** Whether a document set in vertical lines (a Japanese or Chinese book) is shown so; off, every document reads across. */
  verticalLines: boolean;
}

/** The ranges each setting may take; the settings popover and main's validation share them. */
export const readerSettingRanges = {
  fontSize: { min: 12, max: 32, step: 1 },
  lineHeight: { min: 1.2, max: 2.2, step: 0.05 },
  columnWidth: { min: 26, max: 60, step: 2 },
} as const;

export const defaultReaderSettings: ReaderSettings = {
  fontFamily: 'serif',
  fontSize: 18,
  lineHeight: 1.65,
  columnWidth: 38,
  theme: 'system',
  verticalLines: true,
};

/** Each setting's own check, so that one bad value in settings.json falls back alone instead of taking the others with it. */
export const readerSettingSchemas = {
  fontFamily: z.enum(fontFamilies),
  fontSize: z.number().min(readerSettingRanges.fontSize.min).max(readerSettingRanges.fontSize.max),
  lineHeight: z.number().min(readerSettingRanges.lineHeight.min).max(readerSettingRanges.lineHeight.max),
  columnWidth: z.number().min(readerSettingRanges.columnWidth.min).max(readerSettingRanges.columnWidth.max),
  theme: z.enum(themes),
  verticalLines: z.boolean(),
} as const;

/** What the renderer may send: every setting, each in range (a bad call is refused, not repaired). */
export const readerSettingsSchema = z.object(readerSettingSchemas).strict() satisfies z.ZodType<ReaderSettings>;

export const settingsMethods = {
  getSettings: method<() => Promise<ReaderSettings>>({
    channel: 'settings:get',
    args: z.tuple([]),
    description: 'load the reader settings',
  }),
  /** Replaces the reader settings; answers with what was saved. */
  saveSettings: method<(settings: ReaderSettings) => Promise<ReaderSettings>>({
    channel: 'settings:save',
    args: z.tuple([readerSettingsSchema]),
    description: 'save the reader settings',
  }),
};

export const settingsEvents = {
  /** The reading settings changed outside this window (another machine's, through library sync): the page takes them. */
  settingsChanged: event<ReaderSettings>({
    channel: 'settings:changed',
    payload: readerSettingsSchema,
    description: 'the reading settings',
  }),
};
