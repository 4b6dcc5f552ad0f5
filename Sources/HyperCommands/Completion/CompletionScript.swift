/// The small script `hyper completions SHELL` prints. It holds no command
/// names: on every Tab it asks the program itself (`PROGRAM __complete
/// SHELL WORD...`, the last word the one under the cursor), so completions
/// always follow the manifests of the folder where Tab was pressed. What the
/// program answers is described at `CompletionResult`.
enum CompletionScript {
    enum Shell: String, CaseIterable, Sendable {
        case bash, zsh, fish

        var summary: String {
            switch self {
            case .bash: "The script for bash"
            case .zsh: "The script for zsh"
            case .fish: "The script for fish"
            }
        }
    }

    /// The script for `shell` completing `program` (the name it is called by).
    static func text(_ shell: Shell, program: String) -> String {
        let function = identifier(program)
        let command = ShellQuote.quote(program)
        switch shell {
        case .bash: return bash(command: command, function: function)
        case .zsh: return zsh(program: program, command: command, function: function)
        case .fish: return fish(command: command, function: function)
        }
    }

    /// `program` as a part of a function name: letters, digits and `_`.
    static func identifier(_ program: String) -> String {
        var out = ""
        for byte in program.utf8 {
            let keep = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            out += keep ? String(UnicodeScalar(byte)) : "_"
        }
        return out
    }

    private static func bash(command: String, function: String) -> String {
        """
        # bash completion for \(command): `source <(\(command) completions bash)` in ~/.bashrc.
        # Each Tab asks \(command) itself, so completions follow the manifests of the current folder.

        # The words of the line up to the cursor, with the words bash split at
        # `=` and `:` (COMP_WORDBREAKS) joined again, when bash-completion's
        # _get_comp_words_by_ref is not there.
        _\(function)_words() {
            local line=$COMP_LINE i j=0 word
            words=()
            cword=0
            for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
                word=${COMP_WORDS[i]}
                if ((i > 1)) && [[ $line != [[:blank:]]* ]] && { [[ $word =~ ^[=:]+$ ]] || [[ ${words[j]} == *[=:] ]]; }; then
                    words[j]+=$word
                else
                    ((i > 0)) && ((j++))
                    words[j]=$word
                fi
                line=${line#*"$word"}
                ((i == COMP_CWORD)) && cword=$j
            done
            cur=${words[cword]}
        }

        _\(function)_complete() {
            local cur words cword
            if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
                _get_comp_words_by_ref -n =: cur words cword
            else
                _\(function)_words
            fi
            local out
            out=$(\(command) __complete bash "${words[@]:1:cword-1}" "$cur" 2>/dev/null) || return 0
            local -a lines
            mapfile -t lines <<<"$out"
            local last=${lines[${#lines[@]}-1]}
            [[ $last == :* ]] || return 0
            local directive=${last#:}
            unset 'lines[${#lines[@]}-1]'
            COMPREPLY=()
            if ((directive & 2)); then
                # The shell's own file completion: spaces, quotes, ~, folders with /.
                compopt -o default 2>/dev/null
                return 0
            fi
            ((directive & 1)) && compopt -o nospace 2>/dev/null
            # Bash replaces only what follows the last `=` or `:` it splits at.
            local breaks='' prefix='' line value
            [[ $COMP_WORDBREAKS == *:* ]] && breaks+=':'
            [[ $COMP_WORDBREAKS == *=* ]] && breaks+='='
            if [[ -n $breaks && $cur == *[$breaks]* ]]; then
                prefix=${cur%"${cur##*[$breaks]}"}
            fi
            for line in "${lines[@]}"; do
                value=${line%%$'\\t'*}
                value=${value#"$prefix"}
                if [[ $cur == \\"* ]]; then
                    # Inside double quotes: \\, ", $ and ` escaped, so no value is code.
                    value=${value//\\\\/\\\\\\\\}
                    value=${value//\\"/\\\\\\"}
                    value=${value//\\$/\\\\\\$}
                    value=${value//\\`/\\\\\\`}
                    value=\\"$value
                elif [[ $cur == \\'* ]]; then
                    # Inside single quotes: each ' closes, escapes and reopens.
                    value=${value//\\'/\\'\\\\\\'\\'}
                    value=\\'$value
                else
                    printf -v value %q "$value"
                fi
                COMPREPLY+=("$value")
            done
            return 0
        }

        complete -F _\(function)_complete \(command)

        """
    }

    private static func zsh(program: String, command: String, function: String) -> String {
        """
        #compdef \(command)
        # zsh completion for \(command): `source <(\(command) completions zsh)` in ~/.zshrc after compinit,
        # or this text as a file named _\(program) in a folder of $fpath.
        # Each Tab asks \(command) itself, so completions follow the manifests of the current folder.

        _\(function)() {
            local out line directive
            local -a lines items options
            out=$(\(command) __complete zsh "${(@Q)words[2,CURRENT]}" 2>/dev/null) || return 1
            lines=("${(@f)out}")
            [[ ${lines[-1]} == :* ]] || return 1
            directive=${lines[-1]#:}
            lines[-1]=()
            if (( directive & 2 )); then
                [[ ${words[CURRENT]} == -*=* ]] && compset -P '*='
                _files
                return
            fi
            (( directive & 1 )) && options=(-S '')
            for line in "${lines[@]}"; do
                [[ -n $line ]] || continue
                if [[ $line == *$'\\t'* ]]; then
                    items+=("${${line%%$'\\t'*}//:/\\\\:}:${line#*$'\\t'}")
                else
                    items+=("${line//:/\\\\:}")
                fi
            done
            (( ${#items} )) || return 1
            _describe -t values 'value' items "${options[@]}"
        }

        if [[ $funcstack[1] == _\(function) ]]; then
            _\(function) "$@"
        else
            compdef _\(function) \(command)
        fi

        """
    }

    private static func fish(command: String, function: String) -> String {
        """
        # fish completion for \(command): `\(command) completions fish > ~/.config/fish/completions/\(command).fish`.
        # Each Tab asks \(command) itself, so completions follow the manifests of the current folder.

        function __\(function)_complete
            set -l tokens (commandline -opc)
            set -e tokens[1]
            set -l current (commandline -ct)
            set -l word (string unescape -- $current 2>/dev/null; or printf '%s\n' $current)
            set -l out (\(command) __complete fish $tokens "$word" 2>/dev/null)
            or return
            string match -q -- ':*' $out[-1]; or return
            set -l directive (string sub -s 2 -- $out[-1])
            set -e out[-1]
            if test (math "bitand($directive, 2)") -ne 0
                # The shell's own file completion, after `--x=` when there is one.
                set -l prefix ''
                if string match -qr -- '^-[^=]*=' $word
                    set prefix (string replace -r -- '=.*' '=' $word)
                    set word (string replace -r -- '^[^=]*=' '' $word)
                end
                for path in (__fish_complete_path $word)
                    printf '%s\\n' "$prefix$path"
                end
                return
            end
            printf '%s\\n' $out
        end

        complete -c \(command) -f -a '(__\(function)_complete)'

        """
    }
}
