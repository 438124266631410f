import ast
import builtins
import json


def vulnerable(request, expression, source):
    # ruleid: python.lang.eval-exec-injection
    result = eval(request.args.get("expr"))

    # ruleid: python.lang.eval-exec-injection
    total = eval("1 + " + expression)

    # ruleid: python.lang.eval-exec-injection
    exec(source, {"__builtins__": {}})

    # ruleid: python.lang.eval-exec-injection
    exec(f"handler_{request.form['name']}()")

    # ruleid: python.lang.eval-exec-injection
    value = builtins.eval(expression)
    return result, total, value


def safe(expression, payload):
    # ok: python.lang.eval-exec-injection
    answer = eval("6 * 7")

    # ok: python.lang.eval-exec-injection
    exec("import this")

    # ok: python.lang.eval-exec-injection
    data = ast.literal_eval(expression)

    # ok: python.lang.eval-exec-injection
    obj = json.loads(payload)

    # ok: python.lang.eval-exec-injection
    model.eval()
    return answer, data, obj


def interactive_shell():
    import sys

    # ok: python.lang.eval-exec-injection
    exec(sys.stdin.read(), {})
    line = input(">>> ")
    # ok: python.lang.eval-exec-injection
    print(eval(line))
    # ok: python.lang.eval-exec-injection
    exec(compile(open("startup.py").read(), "startup.py", "exec"))
