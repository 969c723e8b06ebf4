#!/usr/bin/python3
"""
Builds one MkDocs site the way TechDocs would, without mkdocs-techdocs-core installed.

Used by scripts/docs-fidelity.mjs (the reference side of the Playbill-vs-MkDocs comparison):

    mkdocs_techdocs.py --config SITE/mkdocs.yml --site-dir OUT --report REPORT.json

The site's own mkdocs.yml is read (its site_name, nav, docs_dir, theme options, markdown_extensions,
mdx configs are kept), plugins that are not installed are dropped (and named in the report), and a
stand-in for the `techdocs-core` plugin does what techdocs_core/core.py's on_config does: material
theme, toc permalink, admonition, pymdownx.details, pymdownx.tabbed (alternate_style), caret, critic,
emoji (to_svg), inlinehilite, magiclink, mark, smartsymbols, snippets, highlight (linenums,
pygments_lang_class), extra (with betterem smart_enable: all), tasklist (custom_checkbox), tilde,
and, when they can be imported (put them on PYTHONPATH), the plugins and extensions techdocs-core
pulls in: mkdocs_monorepo_plugin (`monorepo`), admonitions (`gh-admonitions`), mdx_truly_sane_lists,
markdown_inline_graphviz, plantuml_markdown. Whatever could not be done is listed in the report.

The config is handed to MkDocs as a stream named like the site's own file, so every relative path in
it (docs_dir, !include, INHERIT, custom_dir) resolves as it would for the real file; nothing is
written into the site's folder. Run it with the site's folder as the working directory (snippets'
base_path is relative to it, as in TechDocs).
"""
import argparse
import importlib
import importlib.util
import io
import json
import logging
import os
import re
import sys
import traceback

import yaml

from mkdocs.config import load_config
from mkdocs.commands.build import build
from mkdocs.plugins import BasePlugin
from mkdocs.theme import Theme

try:
    from importlib.metadata import entry_points
except ImportError:  # pragma: no cover
    entry_points = None

REPORT = {
    "dropped_plugins": [],
    "dropped_extensions": [],
    "dropped_options": [],
    "replaced_names": [],
    "emulated": [],
    "not_emulated": [],
    "warnings": 0,
    "errors": [],
    "retries": [],
    "pages": [],
}

# --------------------------------------------------------------------------------------------
# YAML that keeps the tags it does not know (`!!python/name:…`, `!ENV`, `!relative`) as they are


class Tagged:
    def __init__(self, tag, value, style=None):
        self.tag = tag
        self.value = value
        self.style = style


class KeepLoader(yaml.SafeLoader):
    pass


def _construct_tagged(loader, tag_suffix, node):
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node), "scalar")
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True), "sequence")
    return Tagged(tag, loader.construct_mapping(node, deep=True), "mapping")


KeepLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
KeepLoader.add_multi_constructor("!", _construct_tagged)


class KeepDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper, data):
    if data.style == "sequence":
        return dumper.represent_sequence(data.tag, data.value)
    if data.style == "mapping":
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value if data.value is not None else "")


KeepDumper.add_representer(Tagged, _represent_tagged)


def importable(dotted):
    """Whether `pkg.mod.attr` or `pkg.mod` can be imported."""
    try:
        importlib.import_module(dotted)
        return True
    except Exception:
        pass
    mod, _, attr = dotted.rpartition(".")
    if not mod:
        return False
    try:
        return hasattr(importlib.import_module(mod), attr)
    except Exception:
        return False


# python names that newer Material/pymdownx releases provide, and what the installed ones have
NAME_FALLBACKS = {
    "material.extensions.emoji.twemoji": "pymdownx.emoji.twemoji",
    "material.extensions.emoji.to_svg": "pymdownx.emoji.to_svg",
    "materialx.emoji.twemoji": "pymdownx.emoji.twemoji",
    "materialx.emoji.to_svg": "pymdownx.emoji.to_svg",
}


def fix_python_names(value, where):
    """Replaces `!!python/name:X` whose X cannot be imported; returns the value or DROP."""
    if isinstance(value, Tagged):
        if value.tag.startswith("tag:yaml.org,2002:python/name:"):
            name = value.tag[len("tag:yaml.org,2002:python/name:"):]
            if importable(name):
                return value
            fb = NAME_FALLBACKS.get(name)
            if fb and importable(fb):
                REPORT["replaced_names"].append({"where": where, "name": name, "with": fb})
                return Tagged("tag:yaml.org,2002:python/name:" + fb, "", "scalar")
            REPORT["dropped_options"].append({"where": where, "reason": f"python name {name} is not importable"})
            return DROP
        if value.tag.startswith("tag:yaml.org,2002:python/"):
            REPORT["dropped_options"].append({"where": where, "reason": f"unsupported tag {value.tag}"})
            return DROP
        return value
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            nv = fix_python_names(v, f"{where}.{k}")
            if nv is not DROP:
                out[k] = nv
        return out
    if isinstance(value, list):
        out = []
        for i, v in enumerate(value):
            nv = fix_python_names(v, f"{where}[{i}]")
            if nv is not DROP:
                out.append(nv)
        return out
    return value


DROP = object()

BUILTIN_EXTENSIONS = {
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
    "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables",
    "toc", "wikilinks",
}


def extension_importable(name):
    base = name.split(":")[0]
    if base in BUILTIN_EXTENSIONS:
        return True
    try:
        importlib.import_module(base)
        return True
    except Exception:
        return False


def installed_plugins():
    if entry_points is None:
        return {"search"}
    try:
        return {e.name for e in entry_points(group="mkdocs.plugins")}
    except TypeError:  # Python < 3.10
        return {e.name for e in entry_points().get("mkdocs.plugins", [])}


# --------------------------------------------------------------------------------------------
# the stand-in for mkdocs-techdocs-core (see techdocs_core/core.py, TechDocsCore.on_config)


def optional_class(module, attr, label):
    try:
        return getattr(importlib.import_module(module), attr)
    except Exception as e:  # not installed here
        REPORT["not_emulated"].append(f"{label}: {module} is not importable ({type(e).__name__})")
        return None


class TechDocsCoreStandIn(BasePlugin):
    def on_config(self, config):
        from pymdownx.emoji import to_svg
        from pymdownx.extra import extra_extensions

        mdx_configs_override = {}
        if "mdx_configs" in config:
            mdx_configs_override = dict(config["mdx_configs"])
        # core.py: snippets restrict_base_path (pymdownx >= 10); set only where the option exists
        import pymdownx.snippets
        if "restrict_base_path" in pymdownx.snippets.SnippetExtension().config:
            mdx_configs_override["pymdownx.snippets"] = {"restrict_base_path": True}
        else:
            REPORT["not_emulated"].append("pymdownx.snippets restrict_base_path (not in this pymdownx)")

        if config["theme"].name != "material":
            config["theme"] = Theme(name="material")
        if "features" not in config["theme"]:
            config["theme"]["features"] = []
        config["theme"]["features"].append("navigation.footer")
        config["theme"]["features"].append("content.action.edit")
        config["theme"]["palette"] = {}

        monorepo = optional_class("mkdocs_monorepo_plugin.plugin", "MonorepoPlugin", "monorepo plugin")
        gh = optional_class("admonitions.admonition", "AdmonitionConverter", "gh-admonitions plugin")
        if monorepo:
            p = monorepo()
            p.load_config({})
            config["plugins"]["monorepo"] = p
            REPORT["emulated"].append("monorepo plugin")
        if gh:
            p = gh()
            p.load_config({})
            config["plugins"]["gh-admonitions"] = p
            REPORT["emulated"].append("gh-admonitions plugin")

        exts = config["markdown_extensions"]
        mdx = config["mdx_configs"]
        exts.append("toc")
        mdx["toc"] = {"permalink": True}
        exts.append("admonition")
        exts.append("pymdownx.details")
        exts.append("pymdownx.tabbed")
        mdx["pymdownx.tabbed"] = {"alternate_style": True}
        exts.append("pymdownx.caret")
        exts.append("pymdownx.critic")
        exts.append("pymdownx.emoji")
        mdx["pymdownx.emoji"] = {"emoji_generator": to_svg}
        exts.append("pymdownx.inlinehilite")
        exts.append("pymdownx.magiclink")
        exts.append("pymdownx.mark")
        exts.append("pymdownx.smartsymbols")
        exts.append("pymdownx.snippets")
        exts.append("pymdownx.highlight")
        mdx["pymdownx.highlight"] = {"linenums": True, "pygments_lang_class": True}
        exts.append("pymdownx.extra")
        mdx["pymdownx.betterem"] = {"smart_enable": "all"}
        exts.append("pymdownx.tasklist")
        mdx["pymdownx.tasklist"] = {"custom_checkbox": True}
        exts.append("pymdownx.tilde")
        if "pymdownx.extra" not in mdx:
            mdx["pymdownx.extra"] = {}
        for extension in extra_extensions:
            if extension in mdx:
                mdx["pymdownx.extra"][extension] = mdx[extension]
                del mdx[extension]
        for name in ("markdown_inline_graphviz", "plantuml_markdown", "mdx_truly_sane_lists"):
            if extension_importable(name):
                exts.append(name)
                REPORT["emulated"].append(name)
            else:
                REPORT["not_emulated"].append(f"{name} (not importable)")
        for key, override in mdx_configs_override.items():
            if key in mdx:
                mdx[key].update(override)
        return config

    def on_post_page(self, output, page, config):
        # the page list the comparison matches Playbill's pages against, with what the source uses
        md = getattr(page, "markdown", None) or ""
        REPORT["pages"].append({
            "src": page.file.src_path.replace(os.sep, "/"),
            "url": page.url,
            "dest": page.file.dest_path.replace(os.sep, "/"),
            "title": page.title,
            "md_in_html": bool(MD_IN_HTML.search(strip_fences(md))),
        })
        return output


MD_IN_HTML = re.compile(r"<[A-Za-z][\w-]*\b[^>]*\smarkdown(?:\s*=\s*[\"']?(?:1|block|span)[\"']?)?[\s/>]")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.M | re.S)


def strip_fences(md):
    return FENCE.sub("", md)


def keep_fence_language_names():
    """
    Pygments here is older than TechDocs' (2.14 vs 2.20): a fence language it has no lexer for
    (tsx, …) would be published as `language-text`. Keep the fence's own name in the class, as a
    Pygments that knows the language would; the code itself is still shown as text.
    """
    import pymdownx.highlight as hl
    original = hl.Highlight.get_lexer

    def get_lexer(self, src, language):
        lexer, name = original(self, src, language)
        if language and name == "text" and language.lower() not in ("text", "txt", "plain"):
            return lexer, language
        return lexer, name

    hl.Highlight.get_lexer = get_lexer


# --------------------------------------------------------------------------------------------


def prepare(raw, config_path):
    """The site's config as data, with what this machine cannot load taken out."""
    data = yaml.load(raw, Loader=KeepLoader) or {}
    if not isinstance(data, dict):
        raise SystemExit(f"{config_path}: not a mapping")
    have = installed_plugins()
    plugins = data.get("plugins")
    kept = []
    if plugins is None:
        plugins = ["search"]
    if isinstance(plugins, dict):
        plugins = [{k: v} if v else k for k, v in plugins.items()]
    for p in plugins or []:
        name = p if isinstance(p, str) else next(iter(p), None) if isinstance(p, dict) else None
        if name is None:
            continue
        if name == "techdocs-core":
            continue  # replaced by the stand-in
        if name in ("monorepo", "gh-admonitions") and name not in have:
            continue  # the stand-in adds these itself, as techdocs-core does, when they can be imported
        if name in have:
            kept.append(p)
        else:
            REPORT["dropped_plugins"].append(name)
    if "search" not in [p if isinstance(p, str) else next(iter(p)) for p in kept]:
        kept.insert(0, "search")
    data["plugins"] = kept

    exts = data.get("markdown_extensions") or []
    if isinstance(exts, dict):
        exts = [{k: v} if v else k for k, v in exts.items()]
    new_exts = []
    for e in exts:
        name = e if isinstance(e, str) else next(iter(e), None) if isinstance(e, dict) else None
        if name is None:
            continue
        if not extension_importable(name):
            REPORT["dropped_extensions"].append(name)
            continue
        if isinstance(e, dict):
            cfg = fix_python_names(e[name], f"markdown_extensions.{name}")
            new_exts.append({name: cfg} if cfg not in (None, DROP) else name)
        else:
            new_exts.append(e)
    data["markdown_extensions"] = new_exts

    theme = data.get("theme")
    if isinstance(theme, dict) and theme.get("name") == "material":
        data["theme"] = fix_python_names(theme, "theme")
    else:
        if theme not in (None, "material"):
            REPORT["replaced_names"].append({"where": "theme", "name": str(theme if isinstance(theme, str) else theme.get("name")), "with": "material"})
        data["theme"] = {"name": "material"}
    for key in ("hooks", "validation", "exclude_docs", "not_in_nav", "draft_docs"):
        if key in data:  # MkDocs >= 1.5 keys, or code the site runs itself
            REPORT["dropped_options"].append({"where": key, "reason": "not used by this MkDocs (1.4) or not run here"})
            data.pop(key)
    data["strict"] = False
    return data


def drop_failing(data, message):
    """After a failed load or build: take out the extension or option the message names. True if anything changed."""
    m = re.search(r"Failed to load extension '([^']+)'", message) or re.search(r"extension '([^']+)'", message)
    if m:
        name = m.group(1)
        opt = re.search(r"KeyError: '([^']+)'|[Uu]nknown (?:config )?option[^']*'([^']+)'", message)
        exts = data.get("markdown_extensions", [])
        for i, e in enumerate(exts):
            if isinstance(e, dict) and name in e and opt:
                key = opt.group(1) or opt.group(2)
                if isinstance(e[name], dict) and key in e[name]:
                    e[name].pop(key)
                    REPORT["dropped_options"].append({"where": f"markdown_extensions.{name}.{key}", "reason": "not known to this version"})
                    return True
            if (e if isinstance(e, str) else next(iter(e))) == name:
                exts.pop(i)
                REPORT["dropped_extensions"].append(name)
                return True
    m = re.search(r"Config value '([^']+)'", message) or re.search(r"Config value: '([^']+)'", message)
    if m and m.group(1) in data and m.group(1) not in ("site_name",):
        REPORT["dropped_options"].append({"where": m.group(1), "reason": message.strip().splitlines()[-1][:300]})
        data.pop(m.group(1))
        return True
    return False


class CountWarnings(logging.Handler):
    def emit(self, record):
        if record.levelno >= logging.WARNING:
            REPORT["warnings"] += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--site-dir", required=True)
    ap.add_argument("--report", required=True)
    args = ap.parse_args()
    config_path = os.path.abspath(args.config)
    logging.getLogger("mkdocs").addHandler(CountWarnings())
    with open(config_path, "rb") as f:
        raw = f.read().decode("utf-8-sig")
    data = prepare(raw, config_path)
    keep_fence_language_names()
    ok = False
    for attempt in range(8):
        text = yaml.dump(data, Dumper=KeepDumper, allow_unicode=True, sort_keys=False)
        stream = io.BytesIO(text.encode("utf-8"))
        stream.name = config_path  # relative paths resolve against the site's own config file
        try:
            cfg = load_config(config_file=stream, site_dir=os.path.abspath(args.site_dir))
            core = TechDocsCoreStandIn()
            core.load_config({})
            cfg["plugins"]["techdocs-core"] = core
            REPORT["emulated"] = []
            REPORT["not_emulated"] = []
            REPORT["pages"] = []
            build(cfg)
            ok = True
            break
        except BaseException as e:  # SystemExit from mkdocs' abort too
            msg = "".join(traceback.format_exception_only(type(e), e))
            if isinstance(e, KeyboardInterrupt):
                raise
            REPORT["retries"].append(msg.strip()[:500])
            if not drop_failing(data, msg + traceback.format_exc()):
                REPORT["errors"].append(msg.strip()[:2000])
                break
    REPORT["ok"] = ok
    with open(args.report, "w") as f:
        json.dump(REPORT, f, indent=1, default=str)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
