;;; handoff.el --- Eglot setup for the handoff language server  -*- lexical-binding: t; -*-

;; Version: 0.1
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: tools, languages

;;; Commentary:

;; handoff finds vague and oversized delegation instructions in Markdown
;; task lists and in the TODO comments of source files.  This file tells
;; Eglot to run `handoff server' for them.
;;
;;   (add-to-list 'load-path "/path/to/handoff/editors/emacs")
;;   (require 'handoff)
;;   (handoff-eglot-setup)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)
;;
;; Eglot runs one server per buffer.  Markdown modes get handoff first.
;; Programming modes get it only where no other server is configured,
;; unless `handoff-eglot-override' is non-nil, in which case handoff
;; replaces their usual server (rust-analyzer, pylsp, ...) in Eglot.
;;
;; Settings go to the server as the `handoff' section, e.g. in
;; .dir-locals.el:
;;
;;   ((nil . ((eglot-workspace-configuration
;;             . (:handoff (:rules (:multiple-tasks "error")))))))

;;; Code:

(require 'eglot)

(defgroup handoff nil
  "The handoff language server in Eglot."
  :group 'tools
  :prefix "handoff-")

(defcustom handoff-command '("handoff" "server")
  "The command that runs the handoff language server over stdio."
  :type '(repeat string))

(defcustom handoff-markdown-modes
  '((markdown-mode :language-id "markdown")
    (gfm-mode :language-id "markdown")
    (markdown-ts-mode :language-id "markdown"))
  "Markdown major modes handoff serves, with their LSP language ids."
  :type '(repeat sexp))

(defcustom handoff-prog-modes
  '((rust-mode :language-id "rust") (rust-ts-mode :language-id "rust")
    (python-mode :language-id "python") (python-ts-mode :language-id "python")
    (js-mode :language-id "javascript") (js-ts-mode :language-id "javascript")
    (typescript-mode :language-id "typescript")
    (typescript-ts-mode :language-id "typescript")
    (tsx-ts-mode :language-id "typescriptreact")
    (go-mode :language-id "go") (go-ts-mode :language-id "go")
    (java-mode :language-id "java") (java-ts-mode :language-id "java")
    (c-mode :language-id "c") (c-ts-mode :language-id "c")
    (c++-mode :language-id "cpp") (c++-ts-mode :language-id "cpp")
    (csharp-mode :language-id "csharp") (csharp-ts-mode :language-id "csharp")
    (ruby-mode :language-id "ruby") (ruby-ts-mode :language-id "ruby")
    (sh-mode :language-id "shellscript") (bash-ts-mode :language-id "shellscript")
    (lua-mode :language-id "lua") (lua-ts-mode :language-id "lua")
    (yaml-mode :language-id "yaml") (yaml-ts-mode :language-id "yaml")
    (toml-mode :language-id "toml") (toml-ts-mode :language-id "toml")
    (conf-toml-mode :language-id "toml")
    (php-mode :language-id "php") (php-ts-mode :language-id "php")
    (kotlin-mode :language-id "kotlin") (kotlin-ts-mode :language-id "kotlin")
    (swift-mode :language-id "swift")
    (scala-mode :language-id "scala") (scala-ts-mode :language-id "scala")
    (html-mode :language-id "html") (mhtml-mode :language-id "html")
    (html-ts-mode :language-id "html")
    (css-mode :language-id "css") (css-ts-mode :language-id "css"))
  "Programming major modes handoff serves, with their LSP language ids.
The server reads the language from the file name first; the ids
matter for buffers without one."
  :type '(repeat sexp))

(defcustom handoff-eglot-override nil
  "Non-nil: handoff takes precedence over other servers in `handoff-prog-modes'.
Eglot runs a single server per buffer, so this replaces, in those
modes, whatever server Eglot would otherwise start."
  :type 'boolean)

(defun handoff--contact (&rest _)
  "The server command; a function so later changes to `handoff-command' apply."
  handoff-command)

(defun handoff--entry-p (entry)
  "Non-nil if ENTRY of `eglot-server-programs' is one of ours."
  (eq (cdr-safe entry) #'handoff--contact))

;;;###autoload
(defun handoff-eglot-setup ()
  "Register the handoff language server with Eglot.
Markdown modes go first in `eglot-server-programs'; programming
modes go last, or first if `handoff-eglot-override' is non-nil.
Calling it again replaces the earlier entries."
  (interactive)
  (setq eglot-server-programs
        (cl-remove-if #'handoff--entry-p eglot-server-programs))
  (when handoff-prog-modes
    (let ((entry (cons handoff-prog-modes #'handoff--contact)))
      (if handoff-eglot-override
          (push entry eglot-server-programs)
        (setq eglot-server-programs
              (append eglot-server-programs (list entry))))))
  (when handoff-markdown-modes
    (push (cons handoff-markdown-modes #'handoff--contact)
          eglot-server-programs))
  eglot-server-programs)

(provide 'handoff)
;;; handoff.el ends here
