// The repo's Prettier settings, plus the Angular parser for templates: the plain HTML parser mangles @if/@for blocks.
module.exports = {
  ...require('../.prettierrc.json'),
  overrides: [{ files: '*.html', options: { parser: 'angular' } }],
};
