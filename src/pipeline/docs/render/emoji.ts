/**
 * The emoji shortcodes docs use most (pymdownx.emoji renders the full Twemoji set as SVG); a small
 * map keeps the renderer dependency-free. Unknown shortcodes stay as typed.
 */
export const EMOJI: Readonly<Record<string, string>> = {
  smile: '😄', smiley: '😃', grin: '😁', laughing: '😆', wink: '😉', blush: '😊', joy: '😂',
  heart: '❤️', thumbsup: '👍', '+1': '👍', thumbsdown: '👎', '-1': '👎', clap: '👏', wave: '👋',
  tada: '🎉', rocket: '🚀', fire: '🔥', sparkles: '✨', star: '⭐', zap: '⚡', bulb: '💡',
  warning: '⚠️', x: '❌', white_check_mark: '✅', heavy_check_mark: '✔️', check: '✔️',
  question: '❓', exclamation: '❗', no_entry: '⛔', construction: '🚧', lock: '🔒', key: '🔑',
  bug: '🐛', memo: '📝', books: '📚', book: '📖', link: '🔗', wrench: '🔧', hammer: '🔨',
  gear: '⚙️', package: '📦', mag: '🔍', eyes: '👀', thinking: '🤔', pray: '🙏', muscle: '💪',
  calendar: '📅', email: '📧', phone: '📞', computer: '💻', cloud: '☁️', chart_with_upwards_trend: '📈',
  arrow_right: '➡️', arrow_left: '⬅️', arrow_up: '⬆️', arrow_down: '⬇️', information_source: 'ℹ️',
  stop_sign: '🛑', boom: '💥', hourglass: '⌛', recycle: '♻️', shield: '🛡️', whale: '🐳',
  penguin: '🐧', snake: '🐍', coffee: '☕', beer: '🍺', pushpin: '📌', point_right: '👉',
};
