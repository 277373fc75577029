/*
 * Prassi — optional enhancements. Every page works without this file.
 *
 *  - <input type="password" data-toggle-password>: adds a "show password" button next to
 *    the field. Labels come from data attributes on <html> (data-label-show-password,
 *    data-label-hide-password), so they follow the page language.
 *  - <form data-confirm="Message">: asks for confirmation before submitting; a submit
 *    button may carry its own data-confirm, which wins for that button.
 *  - An error summary (.error-summary) present when the page loads receives focus, so
 *    keyboard and screen-reader users land on the list of problems.
 *  - The main menu (<details class="nav-menu">): Escape closes it and returns focus to its
 *    "Menu" button. In browsers whose CSS cannot show a closed <details> (no
 *    ::details-content) it is opened on wide screens and its summary hidden, so the links
 *    form the usual band there too.
 *
 * No inline scripts, no inline styles: the Content-Security-Policy forbids both.
 */
(function () {
  "use strict";

  var root = document.documentElement;

  function label(name, fallback) {
    var value = root.getAttribute("data-label-" + name);
    return value ? value : fallback;
  }

  /* ------------------------------------------------------ show password */

  function enhancePassword(input) {
    if (input.getAttribute("data-toggle-password-ready") === "true") {
      return;
    }
    input.setAttribute("data-toggle-password-ready", "true");

    var wrap = document.createElement("div");
    wrap.className = "password-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);

    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary password-toggle";
    if (input.id) {
      button.setAttribute("aria-controls", input.id);
    }
    var showText = label("show-password", "Mostra password");
    var hideText = label("hide-password", "Nascondi password");
    button.textContent = showText;
    wrap.appendChild(button);

    button.addEventListener("click", function () {
      var reveal = input.type === "password";
      input.type = reveal ? "text" : "password";
      // The label says what the button will do; no aria-pressed, which would contradict it.
      button.textContent = reveal ? hideText : showText;
    });

    // Never submit a revealed password as a visible text field left on screen.
    if (input.form) {
      input.form.addEventListener("submit", function () {
        if (input.type !== "password") {
          input.type = "password";
          button.textContent = showText;
        }
      });
    }
  }

  /* ------------------------------------------------------- confirmation */

  function onSubmit(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var submitter = event.submitter || null;
    var message = null;
    if (submitter && submitter.hasAttribute("data-confirm")) {
      message = submitter.getAttribute("data-confirm");
    } else if (form.hasAttribute("data-confirm")) {
      message = form.getAttribute("data-confirm");
    }
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }

  /* ------------------------------------------------------ error summary */

  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (!summary) {
      return;
    }
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
  }

  /* ---------------------------------------------------------- main menu */

  function enhanceMenu(menu) {
    var summary = menu.querySelector("summary");
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && summary &&
          window.getComputedStyle(summary).display !== "none") {
        menu.open = false;
        summary.focus();
      }
    });
    var cssShowsIt = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
    if (cssShowsIt || !window.matchMedia) {
      return;
    }
    var wide = window.matchMedia("(min-width: 48em)");
    function sync() {
      if (wide.matches) {
        menu.classList.add("nav-js-wide");
        menu.open = true;
      } else if (menu.classList.contains("nav-js-wide")) {
        menu.classList.remove("nav-js-wide");
        menu.open = false;
      }
    }
    sync();
    if (wide.addEventListener) {
      wide.addEventListener("change", sync);
    }
  }

  /* -------------------------------------------------------------- start */

  function init() {
    var inputs = document.querySelectorAll("input[type='password'][data-toggle-password]");
    for (var i = 0; i < inputs.length; i++) {
      enhancePassword(inputs[i]);
    }
    document.addEventListener("submit", onSubmit, false);
    var menus = document.querySelectorAll("details.nav-menu");
    for (var m = 0; m < menus.length; m++) {
      enhanceMenu(menus[m]);
    }
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
