;;; handoff-test.el --- Batch test of handoff.el with Eglot  -*- lexical-binding: t; -*-

;; HANDOFF_BIN=target/release/handoff emacs --batch -q -l editors/emacs/test/handoff-test.el
;;
;; Copies the fixture project to a temporary folder, starts Eglot on a
;; Markdown buffer (when markdown-mode is installed) and on a Python
;; buffer, waits for handoff's diagnostics, applies "Split into 3 tasks",
;; undoes it, and exits 0 (PASS) or 1 (FAIL).

(require 'cl-lib)

(defvar handoff-test--dir
  (file-name-directory (or load-file-name buffer-file-name)))
(defvar handoff-test--checks 0)
(defvar handoff-test--skipped nil)
(defvar handoff-test--timeout 20)

(defun handoff-test--out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defun handoff-test--check (cond what &rest detail)
  (cl-incf handoff-test--checks)
  (unless cond
    (error "%s%s" what (if detail (concat ": " (apply #'format detail)) ""))))

(defun handoff-test--wait (pred)
  "Run the event loop until PRED is non-nil or the timeout passes."
  (let ((deadline (+ (float-time) handoff-test--timeout)) ok)
    (while (and (not (setq ok (funcall pred))) (< (float-time) deadline))
      ;; Batch Emacs never goes idle, so Eglot's idle timer that sends
      ;; didChange does not fire: send pending changes here.
      (when (and (fboundp 'eglot-managed-p) (eglot-managed-p))
        (eglot--signal-textDocument/didChange))
      (accept-process-output nil 0.05)
      ;; Eglot hands diagnostics to Flymake; make Flymake ask for them.
      (when (bound-and-true-p flymake-mode) (flymake-start)))
    ok))

(defun handoff-test--diags (code)
  "Handoff diagnostics of the current buffer with rule CODE."
  (cl-loop for d in (flymake-diagnostics)
           for lsp = (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d)))
           when (and lsp (equal (plist-get lsp :source) "handoff")
                     (equal (plist-get lsp :code) code))
           collect d))

(defun handoff-test--codes ()
  (mapconcat (lambda (d)
               (format "%s" (plist-get (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d)))
                                       :code)))
             (flymake-diagnostics) ","))

(defun handoff-test--file-string (file)
  (with-temp-buffer
    (set-buffer-multibyte nil)
    (insert-file-contents-literally file)
    (buffer-string)))

(defun handoff-test--buffer ()
  (encode-coding-string (buffer-substring-no-properties (point-min) (point-max)) 'utf-8 t))

(defun handoff-test--start-eglot ()
  (let ((inhibit-message t))
    (apply #'eglot (eglot--guess-contact)))
  (handoff-test--check
   (handoff-test--wait (lambda () (and (eglot-current-server) (eglot-managed-p))))
   "Eglot manages the buffer"))

(defun handoff-test--split (file lines-after)
  "In FILE's buffer: the split action gives LINES-AFTER; undo restores the file."
  (let* ((original (handoff-test--file-string file))
         (before (handoff-test--buffer)))
    (handoff-test--check (equal before original) "buffer matches the file")
    (handoff-test--check
     (handoff-test--wait (lambda () (= 1 (length (handoff-test--diags "multiple-tasks")))))
     "one multiple-tasks diagnostic" "%s" (handoff-test--codes))
    (let* ((diag (car (handoff-test--diags "multiple-tasks")))
           (actions (eglot-code-actions (flymake-diagnostic-beg diag)
                                        (flymake-diagnostic-end diag) "quickfix"))
           (action (cl-find-if (lambda (a)
                                 (string-match-p "\\`Split into [0-9]+ tasks\\'"
                                                 (plist-get a :title)))
                               actions)))
      (handoff-test--check action "a \"Split into N tasks\" action" "%S"
                           (mapcar (lambda (a) (plist-get a :title)) actions))
      (handoff-test--check (equal (plist-get action :title) "Split into 3 tasks")
                           "the split makes 3 tasks" "%s" (plist-get action :title))
      (undo-boundary)
      (let ((inhibit-message t))
        (eglot--apply-workspace-edit (plist-get action :edit)))
      (undo-boundary)
      (let ((got (split-string (buffer-substring-no-properties (point-min) (point-max)) "\n")))
        (handoff-test--check (equal got lines-after) "buffer after the split" "%S" got))
      (handoff-test--check
       (handoff-test--wait (lambda () (null (handoff-test--diags "multiple-tasks"))))
       "multiple-tasks gone after the split" "%s" (handoff-test--codes))
      (let ((last-command nil)) (undo))
      (handoff-test--check (equal (handoff-test--buffer) before)
                           "one undo restores the buffer byte for byte" "%S"
                           (handoff-test--buffer))
      (handoff-test--check (not (buffer-modified-p)) "buffer unmodified after undo"))))

(defun handoff-test--run ()
  (let* ((bin (expand-file-name (or (getenv "HANDOFF_BIN") "handoff")))
         (root (file-name-as-directory (make-temp-file "handoff-emacs-" t)))
         (fixture (expand-file-name "fixture" handoff-test--dir)))
    (unwind-protect
        (progn
          (handoff-test--check (file-executable-p bin) "HANDOFF_BIN is executable" "%s" bin)
          (copy-directory fixture root nil nil t)
          (add-to-list 'load-path (expand-file-name ".." handoff-test--dir))
          (require 'handoff)
          (setq handoff-command (list bin "server"))
          (handoff-eglot-setup)
          (handoff-test--check
           (and (handoff--entry-p (car eglot-server-programs))
                (handoff--entry-p (car (last eglot-server-programs))))
           "by default: Markdown first, programming modes last")
          (setq handoff-eglot-override t)
          (handoff-eglot-setup)
          (handoff-test--check
           (= 2 (cl-count-if #'handoff--entry-p eglot-server-programs))
           "setup again replaces the entries")
          (handoff-test--check
           (eq (cdr (car eglot-server-programs)) #'handoff--contact)
           "handoff is first in eglot-server-programs")
          ;; Settings only take effect when Eglot sends them.
          (setq-default eglot-workspace-configuration
                        '(:handoff (:rules (:broad-scope "off" :multiple-tasks "error"))))
          (setq eglot-sync-connect t
                eglot-autoreconnect nil
                flymake-no-changes-timeout nil
                make-backup-files nil
                create-lockfiles nil)
          (let ((default-directory root))
            ;; Markdown, when markdown-mode is there.
            (if (not (require 'markdown-mode nil t))
                (push "markdown (markdown-mode not installed)" handoff-test--skipped)
              (let ((file (expand-file-name "TODO.md" root)))
                (with-current-buffer (find-file-noselect file)
                  (markdown-mode)
                  (handoff-test--start-eglot)
                  (handoff-test--check
                   (equal (file-name-as-directory (project-root (eglot--project (eglot-current-server))))
                          root)
                   "project root is the fixture folder" "%s"
                   (project-root (eglot--project (eglot-current-server))))
                  (handoff-test--check
                   (handoff-test--wait
                    (lambda ()
                      (let ((d (handoff-test--diags "multiple-tasks")))
                        (and d (null (handoff-test--diags "broad-scope"))
                             (eq (flymake-diagnostic-type (car d)) 'eglot-error)))))
                   "multiple-tasks is an error and broad-scope is off (settings applied)"
                   "%s" (handoff-test--codes))
                  (handoff-test--split
                   file
                   '("# Tasks" ""
                     "- [ ] Rewrite auth" "- [ ] add tests" "- [ ] update the docs"
                     "- [ ] Rename `Config::load` to `Config::read` in `src/config.rs`; done when `cargo build` passes."
                     "")))))
            ;; Python: a TODO comment in a programming mode (built in).
            (let ((file (expand-file-name "notes.py" root)))
              (with-current-buffer (find-file-noselect file)
                (python-mode)
                (handoff-test--start-eglot)
                (handoff-test--split
                 file
                 '("def main():"
                   "    # TODO: Rewrite auth"
                   "    # TODO: add tests"
                   "    # TODO: update the docs"
                   "    pass" ""))))))
      (dolist (server (ignore-errors (cl-loop for s being the hash-values of eglot--servers-by-project
                                              append s)))
        (ignore-errors (let ((inhibit-message t)) (eglot-shutdown server nil 5))))
      (delete-directory root t))))

(let (err)
  (condition-case e
      (handoff-test--run)
    (error (setq err (error-message-string e))))
  (if err
      (progn (handoff-test--out "FAIL emacs %s: %s" emacs-version err)
             (kill-emacs 1))
    (handoff-test--out "PASS emacs %s (eglot): %d checks%s" emacs-version handoff-test--checks
                       (if handoff-test--skipped
                           (concat "; skipped " (string-join handoff-test--skipped ", "))
                         ""))
    (kill-emacs 0)))
