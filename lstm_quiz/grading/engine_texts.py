"""The grading engine's own texts, English and Chinese, by id.

Used by expect.py, diagnose.py, plugin.py and the sandbox's call failures.
Both templates of an id have the same fields (tests/grading/test_messages.py
checks it); the values filled in are identical in both languages.
"""

from __future__ import annotations

from typing import Any

from lstm_quiz.grading.messages import Text

ENGINE: dict[str, tuple[str, str]] = {
    # -- structure of a result (expect.py)
    "with_context": ("{message} ({context})", "{message}（{context}）"),
    "end": ("{sentence}.", "{sentence}。"),
    "then": ("{first}. {second}", "{first}。{second}"),
    "type.none": ("None (did you forget to return?)", "None（是不是忘了 return？）"),
    "type.a": ("a {type}", "{type}"),
    "type.array": ("a numpy array of shape {shape}", "形状为 {shape} 的 numpy 数组"),
    "type.scalar": ("a scalar ({type})", "标量（{type}）"),
    "tuple.type": ("expected a tuple {form}, got {got}", "应返回元组 {form}，实际得到 {got}"),
    "tuple.length": (
        "expected a tuple {form} of {n} items, got {count} items",
        "应返回含 {n} 项的元组 {form}，实际有 {count} 项",
    ),
    "dict.type": (
        "expected a dict with keys {keys}, got {got}",
        "应返回含键 {keys} 的 dict，实际得到 {got}",
    ),
    "dict.missing": ("the returned dict has no key(s) {keys}", "返回的 dict 缺少键 {keys}"),
    "array.type": (
        "{name} should be a numpy.ndarray, got {got}",
        "{name} 应为 numpy.ndarray，实际得到 {got}",
    ),
    "array.type_torch": (
        "{name} should be a numpy.ndarray, got {got}; convert with .numpy() or, better, compute with NumPy",
        "{name} 应为 numpy.ndarray，实际得到 {got}；可用 .numpy() 转换，更好的做法是全程用 NumPy 计算",
    ),
    "array.type_list": (
        "{name} should be a numpy.ndarray, got {got}; wrap it with np.array(...) or compute with NumPy arrays throughout",
        "{name} 应为 numpy.ndarray，实际得到 {got}；可用 np.array(...) 包装，或全程用 NumPy 数组计算",
    ),
    "array.dtype": (
        "{name} has dtype {dtype}; expected floating point values",
        "{name} 的 dtype 是 {dtype}；应为浮点数",
    ),
    "array.shape": (
        "{name} has shape {got}, expected {want}",
        "{name} 的形状是 {got}，应为 {want}",
    ),
    "array.shape_same_size": (
        "{name} has shape {got}, expected {want} (same number of values: a squeeze, reshape or transpose too many?)",
        "{name} 的形状是 {got}，应为 {want}（元素个数相同：是否多做了一次 squeeze、reshape 或转置？）",
    ),
    "state.type": ("expected a tuple {form}, got {got}", "应返回元组 {form}，实际得到 {got}"),
    "state.type_array": (
        "expected a tuple {form}, got {got}; return the final state too: return hs, ({h}, {c})",
        "应返回元组 {form}，实际得到 {got}；还要返回最终状态：return hs, ({h}, {c})",
    ),
    "state.flat": (
        "expected {form}: a pair whose second item is itself the pair ({h}, {c}), as torch.nn.LSTM "
        "returns output, (h_n, c_n); got a flat tuple of 3 items. Return hs, (h, c), not hs, h, c",
        "应返回 {form}：一个二元组，其第二项本身是二元组 ({h}, {c})，与 torch.nn.LSTM 返回 "
        "output, (h_n, c_n) 相同；实际得到含 3 项的扁平元组。请 return hs, (h, c)，而不是 hs, h, c",
    ),
    "state.length": (
        "expected a tuple {form} of 2 items, got {count} items",
        "应返回含 2 项的元组 {form}，实际有 {count} 项",
    ),
    "state.second": (
        "the second item of {form} should be the pair ({h}, {c}), got {got}",
        "{form} 的第二项应为二元组 ({h}, {c})，实际得到 {got}",
    ),
    "items": ("{count} items", "{count} 项"),
    # -- values (expect.py)
    "nan": (
        "{name} contains {kinds} in {bad} of {size} entries (first at {first}), where the reference is finite",
        "{name} 的 {size} 个元素中有 {bad} 个是 {kinds}（第一个在 {first}），而参考结果在这些位置是有限值",
    ),
    "nan.and": (" and ", " 和 "),
    "differs": (
        "{name} differs from the reference: max abs error {error:.3g} at {index} (got {got:.6g}, want {want:.6g})",
        "{name} 与参考结果不一致：最大绝对误差 {error:.3g}，位于 {index}（得到 {got:.6g}，应为 {want:.6g}）",
    ),
    "hint.nan": (
        "With large inputs, np.exp overflows (e^z is inf beyond z ≈ 709 in float64): a tanh written as "
        "(e^z - e^-z)/(e^z + e^-z) gives inf/inf = NaN. Use np.tanh, and a sigmoid that cannot divide inf by inf.",
        "输入很大时 np.exp 会溢出（float64 中 z 超过约 709 时 e^z 为 inf）：写成 "
        "(e^z - e^-z)/(e^z + e^-z) 的 tanh 会得到 inf/inf = NaN。请用 np.tanh，并使用不会出现 inf 除以 inf 的 sigmoid。",
    ),
    "hint.unchanged": (
        "the caller still needs them (e.g. c_prev for the backward pass): compute new arrays "
        "(c = f * c_prev + ...) instead of updating with *=, += or [...] =",
        "调用方之后还要用它们（例如反向传播要用 c_prev）：请计算新数组"
        "（c = f * c_prev + ...），不要用 *=、+= 或 [...] = 原地修改",
    ),
    "unchanged": (
        "your function modified its input(s) {names} in place; {hint}",
        "你的函数原地修改了输入 {names}；{hint}",
    ),
    "gradients.all_wrong": ("all {n} gradients are wrong", "全部 {n} 个梯度都不对"),
    "gradients.some_wrong": (
        "{wrong} {wrong_verb} wrong; {right} {right_verb} right",
        "{wrong}{wrong_verb} 不对；{right}{right_verb} 正确",
    ),
    # Chinese has no number agreement: the verb is English only.
    "verb.is": ("is", ""),
    "verb.are": ("are", ""),
    "rel_error": ("rel_error {value:.2e}", "相对误差 rel_error {value:.2e}"),
    # -- token sequences (expect.py)
    "tokens.array_type": (
        "{name} should be a numpy.ndarray of integer token ids, shape {shape}, got {got}",
        "{name} 应为整数 token id 组成的 numpy.ndarray，形状 {shape}，实际得到 {got}",
    ),
    "tokens.array_dtype": (
        "{name} has dtype {dtype}; expected integer token ids (np.argmax returns int64; convert with .astype(np.int64))",
        "{name} 的 dtype 是 {dtype}；应为整数 token id（np.argmax 返回 int64；可用 .astype(np.int64) 转换）",
    ),
    "tokens.rows_type": (
        "{name} should be a list of {n} token lists, got {got}",
        "{name} 应为含 {n} 个 token 列表的 list，实际得到 {got}",
    ),
    "tokens.rows_count": (
        "{name} has {got} sequences, expected {want} (one per batch row)",
        "{name} 有 {got} 个序列，应为 {want} 个（每个批次行一个）",
    ),
    "tokens.list_dtype": (
        "{name} should be a list of int token ids, got {got} of dtype {dtype}",
        "{name} 应为 int token id 的 list，实际得到 dtype 为 {dtype} 的{got}",
    ),
    "tokens.list_type": (
        "{name} should be a list of int token ids, got {got}",
        "{name} 应为 int token id 的 list，实际得到 {got}",
    ),
    "tokens.item_type": (
        "{name} should be an int token id, got {got} ({value})",
        "{name} 应为 int token id，实际得到 {got}（{value}）",
    ),
    "tokens.length": (
        "{name} has {count}, the reference {want}; they agree on the first {first}",
        "{name} 有 {count}，参考结果有 {want} 个；前 {first} 个一致",
    ),
    "tokens.count_one": ("{n} token", "{n} 个 token"),
    "tokens.count": ("{n} tokens", "{n} 个 token"),
    "tokens.differs": (
        "{name} differs from the reference at position {first} (got {got}, want {want})",
        "{name} 在位置 {first} 与参考结果不同（得到 {got}，应为 {want}）",
    ),
    "tokens.shown": ("{where}: got {got}, want {want}", "{where}：得到 {got}，应为 {want}"),
    # -- diagnoses (diagnose.py)
    "diagnosis.one": (
        "Your {what} the result of a known mistake: {mistake}.",
        "你的 {what}一个已知错误的结果：{mistake}。",
    ),
    "diagnosis.many": (
        "Your {what} the result of each of these known mistakes (identical on these inputs): {mistakes}.",
        "你的 {what}以下每个已知错误的结果（它们在这组输入上结果相同）：{mistakes}。",
    ),
    # -- the suite and the solution as a whole (plugin.py, properties.py)
    "assertion_failed": ("assertion failed", "断言失败"),
    "suite_broke": (
        "the hidden test itself failed ({error}); please report this",
        "隐藏测试本身出错了（{error}）；请报告这个问题",
    ),
    "call.inputs": ("{message}; the inputs: {case}", "{message}；输入：{case}"),
    # -- calls into the sandbox (sandbox.py, proxy.py)
    "call.symlink": (
        "{file} is a symbolic link: submit the file itself",
        "{file} 是符号链接：请提交文件本身",
    ),
    "call.unreadable": ("your file could not be read: {reason}", "无法读取你的文件：{reason}"),
    "call.not_regular": ("{file} is not a regular file", "{file} 不是普通文件"),
    "call.too_large": ("{file} is larger than {kib} KiB", "{file} 超过 {kib} KiB"),
    "call.exit": (
        "your code ended the process (exit status {code}, e.g. os._exit({code}))",
        "你的代码结束了进程（退出状态 {code}，例如 os._exit({code})）",
    ),
    "call.cpu": (
        "your code used more than {seconds} s of CPU time",
        "你的代码使用的 CPU 时间超过 {seconds} 秒",
    ),
    "call.file_limit": (
        "your code wrote a file larger than the limit",
        "你的代码写入的文件超过了大小上限",
    ),
    "call.killed": (
        "the process was killed (SIGKILL), e.g. for using too much memory (limit {mib} MiB)",
        "进程被强制终止（SIGKILL），例如因为占用内存过多（上限 {mib} MiB）",
    ),
    "call.crashed": ("the process crashed ({signal})", "进程崩溃了（{signal}）"),
    "call.ended": ("the process ended unexpectedly", "进程意外结束"),
    "call.budget": (
        "not run: the time for the whole run ({seconds:g} s) is used up",
        "未运行：整次运行的时间（{seconds:g} 秒）已用完",
    ),
    "call.after_timeout": (
        "not run: an earlier call already timed out (an endless loop?)",
        "未运行：之前的一次调用已经超时（死循环？）",
    ),
    "call.timeout": (
        "{what} did not finish within {seconds:.1f} s (an endless loop?)",
        "{what} 未在 {seconds:.1f} 秒内完成（死循环？）",
    ),
    "call.garbage": (
        "{what}: the solution process sent garbage ({error})",
        "{what}：解答进程发回了无法解析的数据（{error}）",
    ),
    "call.garbage_reply": (
        "the solution process sent garbage ({error})",
        "解答进程发回了无法解析的数据（{error}）",
    ),
    "call.no_return": ("{what} did not return: {reason}", "{what} 没有返回：{reason}"),
    "call.importing": ("importing your file", "导入你的文件时"),
    "call.import_failed": (
        "your file could not be imported: {error}",
        "你的文件无法导入：{error}",
    ),
    "call.gone": ("the solution process is no longer running", "解答进程已不在运行"),
    "call.function": ("{function}()", "{function}()"),
    "call.harness": (
        "{function}() (the exercise's harness calling your code)",
        "{function}()（练习的测试框架调用你的代码时）",
    ),
    "call.sys_exit": (
        "{what} called {call}; return your result instead",
        "{what} 调用了 {call}；请改为 return 结果",
    ),
    "call.memory": (
        "{what} ran out of memory (limit {mib} MiB)",
        "{what} 内存不足（上限 {mib} MiB）",
    ),
    "call.raised": ("{what} raised {error}", "{what} 抛出了 {error}"),
    "call.where": ("{error} (line {line})", "{error}（第 {line} 行）"),
    "call.where_code": ("{error} (line {line}: {code})", "{error}（第 {line} 行：{code}）"),
    "call.harness_failed": (
        "the exercise harness failed: {error}",
        "练习的测试框架出错了：{error}",
    ),
    "call.aliasing": (
        "a value that {earlier}() returned earlier changed when {function}() was called again: "
        "your function returns memory it reuses (e.g. a module-level buffer or a view of one), "
        "so a caller that keeps two results gets corrupted data; return a new array each call",
        "再次调用 {function}() 时，{earlier}() 先前返回的值被改变了：你的函数返回了它会重复使用的内存"
        "（例如模块级缓冲区或其视图），保留两次结果的调用方会拿到被破坏的数据；每次调用都请返回新数组",
    ),
    "call.missing": ("'{name}' is not defined in {file}", "{file} 中没有定义 '{name}'"),
    "call.not_function": (
        "'{name}' is a {type} in {file}, not a function",
        "{file} 中的 '{name}' 是 {type}，不是函数",
    ),
}


def engine(key: str, /, **params: Any) -> Text:
    """The engine's text ``key`` filled with ``params``."""
    en, zh = ENGINE[key]
    return Text(en, params, zh)
