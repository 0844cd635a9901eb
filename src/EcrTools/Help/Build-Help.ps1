#Requires -Version 7.2
<#
.SYNOPSIS
    Builds the module's help: en-US/EcrTools.dll-Help.xml (MAML) from the markdown in this folder, checked against
    the cmdlets' real parameters, and en-US/about_EcrTools.help.txt.
.DESCRIPTION
    Reads <cmdlet>.md for every cmdlet the built module exports and Connection-Parameters.md (the parameters every
    cmdlet shares), imports the built module in a child runspace to read each cmdlet's parameters, parameter sets,
    types, positions and pipeline input, and writes MAML with the text from the markdown and the syntax from the
    cmdlet. The format is described in README.md next to this script.

    It throws, listing every problem, when a parameter has no description, the markdown describes a parameter the
    cmdlet does not have, a parameter's yaml block does not match the cmdlet, an example's code does not parse or
    uses a parameter the cmdlet does not have, a cmdlet has fewer than three examples, or a section is missing.
.EXAMPLE
    ./Build-Help.ps1 -SourcePath . -ModulePath ../../../output/EcrTools/0.1.0 -OutputPath ../../../output/EcrTools/0.1.0/en-US
#>
[CmdletBinding()]
param(
    # The folder with the markdown: this script's folder.
    [Parameter(Mandatory)] [string] $SourcePath,
    # The built module folder, with EcrTools.psd1 and EcrTools.dll.
    [Parameter(Mandatory)] [string] $ModulePath,
    # The folder to write EcrTools.dll-Help.xml and about_EcrTools.help.txt to (the module's en-US folder).
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$SharedFile = 'Connection-Parameters.md'
$AboutFile = 'about_EcrTools.help.txt'
$MinimumExamples = 3
$RequiredSections = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS'
$KnownSections = $RequiredSections + 'NOTES', 'RELATED LINKS'
# Described for every cmdlet by PowerShell itself; WhatIf and Confirm get standard text unless the markdown has some.
$CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
$StandardText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Cmdlet metadata, read in a child runspace so that the caller's session is left as it was

$ReadMetadata = {
    param([string] $Manifest)
    $ErrorActionPreference = 'Stop'
    $module = Import-Module $Manifest -PassThru -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters

    function Get-TypeName([type] $Type) {
        $suffix = ''
        if ($Type.IsArray) { $suffix = '[]'; $Type = $Type.GetElementType() }
        if ([Nullable]::GetUnderlyingType($Type)) { $Type = [Nullable]::GetUnderlyingType($Type) }
        $name = if ($Type.Namespace -in 'System', 'System.Management.Automation') { $Type.Name } else { $Type.FullName }
        $name + $suffix
    }

    foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet) {
        $sets = @($command.ParameterSets | Sort-Object { -not $_.IsDefault } -Stable)
        [pscustomobject]@{
            Name        = $command.Name
            Verb        = $command.Verb
            Noun        = $command.Noun
            OutputTypes = @($command.OutputType.Name)
            AllNames    = @($command.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases })
            Sets        = @(foreach ($set in $sets) {
                    [pscustomobject]@{
                        Name       = $set.Name
                        Parameters = @(foreach ($parameter in $set.Parameters | Where-Object Name -NotIn $common) {
                                [pscustomobject]@{
                                    Name           = $parameter.Name
                                    Required       = $parameter.IsMandatory
                                    Position       = if ($parameter.Position -ge 0) { [string]$parameter.Position } else { 'Named' }
                                    ByPropertyName = $parameter.ValueFromPipelineByPropertyName
                                    ByValue        = $parameter.ValueFromPipeline
                                }
                            })
                    }
                })
            Parameters  = @(foreach ($parameter in $command.Parameters.Values | Where-Object Name -NotIn $common) {
                    [pscustomobject]@{
                        Name      = $parameter.Name
                        Type      = Get-TypeName $parameter.ParameterType
                        IsSwitch  = $parameter.SwitchParameter
                        Aliases   = @($parameter.Aliases)
                        Wildcards = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                        InAllSets = $parameter.ParameterSets.ContainsKey('__AllParameterSets')
                    }
                })
        }
    }
}

function Get-CmdletMetadata([string] $Manifest) {
    $shell = [powershell]::Create()
    try {
        $result = $shell.AddScript($ReadMetadata).AddArgument($Manifest).Invoke()
        if ($shell.HadErrors) { throw "Could not read the cmdlets of $($Manifest): $($shell.Streams.Error[0])" }
        $result
    }
    finally {
        $shell.Dispose()
    }
}

#endregion

#region Markdown: '# Title', '## SECTION', '### Item', fenced blocks, paragraphs

function Split-Heading([string[]] $Lines, [string] $Marker) {
    # Splits lines at headings that start with $Marker ('## ' or '### '), outside fenced blocks. Lines before the
    # first heading are returned under the name ''.
    $parts = [System.Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Name = ''; Lines = [System.Collections.Generic.List[string]]::new() }
    $parts.Add($current)
    $fenced = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $fenced = -not $fenced }
        if (-not $fenced -and $line.StartsWith($Marker)) {
            $current = [pscustomobject]@{ Name = $line.Substring($Marker.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $parts.Add($current)
        }
        else {
            $current.Lines.Add($line)
        }
    }
    $parts
}

function Split-Fence([string[]] $Lines) {
    # Text and fenced blocks in order: objects with Kind ('text' or the fence's language) and Lines.
    $blocks = [System.Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($line in $Lines) {
        if ($line -match '^\s*```\s*(\S*)') {
            if ($current -and $current.Kind -ne 'text') { $current = $null; continue }
            $current = [pscustomobject]@{ Kind = if ($Matches[1]) { $Matches[1].ToLowerInvariant() } else { 'output' }; Lines = [System.Collections.Generic.List[string]]::new() }
            $blocks.Add($current)
            continue
        }
        if (-not $current) {
            $current = [pscustomobject]@{ Kind = 'text'; Lines = [System.Collections.Generic.List[string]]::new() }
            $blocks.Add($current)
        }
        $current.Lines.Add($line)
    }
    $blocks
}

function ConvertTo-Paragraph([object[]] $Blocks) {
    # Markdown paragraphs become one line each (the console wraps them); list items keep their own lines; fenced
    # blocks other than code keep their lines as they are.
    foreach ($block in $Blocks) {
        if ($block.Kind -ne 'text') {
            if ($block.Lines.Count) { $block.Lines -join "`n" }
            continue
        }
        $paragraph = ''
        foreach ($line in @($block.Lines) + '') {
            if (-not $line.Trim()) {
                if ($paragraph) { $paragraph }
                $paragraph = ''
            }
            elseif (-not $paragraph) { $paragraph = $line.Trim() }
            elseif ($line -match '^\s*([-*]|\d+\.)\s') { $paragraph += "`n" + $line.Trim() }
            else { $paragraph += ' ' + $line.Trim() }
        }
    }
}

function Read-HelpMarkdown([string] $Path) {
    $lines = [System.IO.File]::ReadAllLines($Path)
    $sections = [ordered]@{}
    $title = ''
    foreach ($part in Split-Heading $lines '## ') {
        if ($part.Name) { $sections[$part.Name.ToUpperInvariant()] = @($part.Lines) }
        else { $title = ($part.Lines | Where-Object { $_ -match '^# ' } | Select-Object -First 1) -replace '^# ', '' }
    }
    [pscustomobject]@{ Path = $Path; File = Split-Path $Path -Leaf; Title = $title.Trim(); Sections = $sections }
}

function Read-Parameters($Markdown, [System.Collections.Generic.List[string]] $Problems) {
    # '### -Name', description paragraphs and yaml blocks; '### CommonParameters' is PowerShell's and skipped.
    $parameters = [ordered]@{}
    if (-not $Markdown.Sections.Contains('PARAMETERS')) { return $parameters }
    foreach ($item in Split-Heading $Markdown.Sections['PARAMETERS'] '### ' | Where-Object Name) {
        if ($item.Name -eq 'CommonParameters') { continue }
        if ($item.Name -notmatch '^-(\w+)$') { $Problems.Add("$($Markdown.File): '### $($item.Name)' under PARAMETERS is not of the form '### -Name'."); continue }
        $blocks = @(Split-Fence $item.Lines)
        $parameters[$Matches[1]] = [pscustomobject]@{
            Name        = $Matches[1]
            Description = @(ConvertTo-Paragraph @($blocks | Where-Object Kind -EQ 'text'))
            Yaml        = @(foreach ($block in $blocks | Where-Object Kind -EQ 'yaml') { , @($block.Lines | ForEach-Object TrimEnd | Where-Object { $_ }) })
        }
    }
    $parameters
}

#endregion

#region Checks and merging

function Get-YamlValue([string[]] $Yaml, [string] $Key) {
    $line = $Yaml | Where-Object { $_ -match "^$Key\s*:" } | Select-Object -First 1
    if ($line) { ($line -replace "^$Key\s*:", '').Trim() }
}

function Format-Pipeline([bool] $ByPropertyName, [bool] $ByValue) {
    $kinds = @(if ($ByPropertyName) { 'ByPropertyName' }; if ($ByValue) { 'ByValue' })
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Format-Yaml([object[]] $Blocks) {
    ($Blocks | ForEach-Object { '```yaml' + "`n" + ($_ -join "`n") + "`n" + '```' }) -join "`n"
}

function Get-ExpectedYaml($Command, $Parameter, [string[]] $Defaults) {
    # The yaml blocks the cmdlet's metadata calls for: one per group of parameter sets that agree on Required,
    # Position and pipeline input, as platyPS writes them. Default value comes from the markdown.
    $groups = [ordered]@{}
    foreach ($set in $Command.Sets) {
        $inSet = $set.Parameters | Where-Object Name -EQ $Parameter.Name
        if (-not $inSet) { continue }
        $pipeline = Format-Pipeline $inSet.ByPropertyName $inSet.ByValue
        $key = "$($inSet.Required)|$($inSet.Position)|$pipeline"
        if (-not $groups.Contains($key)) {
            $groups[$key] = [pscustomobject]@{ Sets = [System.Collections.Generic.List[string]]::new(); Required = $inSet.Required; Position = $inSet.Position; Pipeline = $pipeline }
        }
        $groups[$key].Sets.Add($set.Name)
    }
    $index = 0
    foreach ($group in $groups.Values) {
        $sets = if ($Parameter.InAllSets -and $groups.Count -eq 1) { '(All)' } else { $group.Sets -join ', ' }
        , @(
            "Type: $($Parameter.Type)"
            "Parameter Sets: $sets"
            "Aliases: $($Parameter.Aliases -join ', ')".TrimEnd()
            "Required: $($group.Required)"
            "Position: $($group.Position)"
            "Default value: $(if ($index -lt $Defaults.Count) { $Defaults[$index] })".TrimEnd()
            "Accept pipeline input: $($group.Pipeline)"
            "Accept wildcard characters: $($Parameter.Wildcards)"
        )
        $index++
    }
}

function Merge-Parameter($Command, $Described, $Shared, [scriptblock] $Say) {
    # Each of the cmdlet's parameters with its text from the cmdlet's file or Connection-Parameters.md, checked:
    # a description, and yaml blocks that say what the cmdlet declares.
    foreach ($parameter in $Command.Parameters) {
        $name = $parameter.Name
        $text = if ($Described.Contains($name)) { $Described[$name] } elseif ($Shared.Contains($name)) { $Shared[$name] }
        if (-not $text -and $StandardText.ContainsKey($name)) {
            $text = [pscustomobject]@{ Description = @($StandardText[$name]); Yaml = @(, @('Default value: False')) }
        }
        elseif (-not $text -or -not ($text.Description -join '').Trim()) {
            & $Say "-$name has no description. Add '### -$name' with a description and a yaml block under '## PARAMETERS'."
            continue
        }
        else {
            $defaults = @($text.Yaml | ForEach-Object { Get-YamlValue $_ 'Default value' })
            $expected = @(Get-ExpectedYaml $Command $parameter $defaults)
            if (-not $text.Yaml -or $defaults.Count -ne $text.Yaml.Count -or ($defaults | Where-Object { -not $_ })) {
                & $Say "-$($name): every yaml block needs a 'Default value:' line. The blocks for this parameter:`n$(Format-Yaml $expected)"
            }
            elseif ((Format-Yaml $text.Yaml) -cne (Format-Yaml $expected)) {
                & $Say "-$($name): the yaml block does not match the cmdlet. It should read:`n$(Format-Yaml $expected)"
            }
        }
        $inSets = @($Command.Sets.Parameters | Where-Object Name -EQ $name)
        [pscustomobject]@{
            Metadata    = $parameter
            Description = $text.Description
            Default     = @(@($text.Yaml | ForEach-Object { Get-YamlValue $_ 'Default value' }) + 'None')[0]
            # For the parameter list: required in any set, its position, and any pipeline input.
            Summary     = [pscustomobject]@{
                Required = [bool]($inSets | Where-Object Required)
                Position = @(@($inSets.Position | Where-Object { $_ -ne 'Named' }) + 'Named')[0]
                Pipeline = Format-Pipeline ([bool]($inSets | Where-Object ByPropertyName)) ([bool]($inSets | Where-Object ByValue))
            }
            # The cmdlet's own parameters in the markdown's order, then the connection parameters, then WhatIf/Confirm.
            Order       = if ($StandardText.ContainsKey($name)) { 2000 + @($StandardText.Keys | Sort-Object -Descending).IndexOf($name) }
                          elseif ($Described.Contains($name)) { @($Described.Keys).IndexOf($name) }
                          else { 1000 + @($Shared.Keys).IndexOf($name) }
        }
    }
}

function Test-ExampleCode([string] $Code, [hashtable] $KnownParameters) {
    # Problems with an example's code: parse errors, and parameters that EcrTools cmdlets do not have.
    $tokens = $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
    foreach ($parseError in $errors) { "does not parse: $($parseError.Message) (line $($parseError.Extent.StartLineNumber))" }
    foreach ($call in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $names = $KnownParameters[[string]$call.GetCommandName()]
        if (-not $names) { continue }
        foreach ($element in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
            if (-not ($names | Where-Object { $_ -like "$($element.ParameterName)*" })) {
                "uses -$($element.ParameterName), which $($call.GetCommandName()) does not have"
            }
        }
    }
}

function Read-Example($Markdown, [hashtable] $KnownParameters, [scriptblock] $Say) {
    # '### Example N: Title' with one powershell block (the code) and text or output blocks (the remarks).
    foreach ($item in Split-Heading @($Markdown.Sections['EXAMPLES']) '### ' | Where-Object Name) {
        $blocks = @(Split-Fence $item.Lines)
        $code = @($blocks | Where-Object Kind -EQ 'powershell')
        if ($code.Count -ne 1) { & $Say "'$($item.Name)' needs exactly one ``````powershell block, not $($code.Count)."; continue }
        $codeText = ($code[0].Lines -join "`n").Trim()
        foreach ($problem in Test-ExampleCode $codeText $KnownParameters) { & $Say "the code of '$($item.Name)' $problem" }
        [pscustomobject]@{ Title = $item.Name; Code = $codeText; Remarks = @(ConvertTo-Paragraph @($blocks | Where-Object Kind -NE 'powershell')) }
    }
}

function Read-TypeList($Markdown, [string] $Section) {
    # '### TypeName' and a description, for INPUTS and OUTPUTS.
    foreach ($item in Split-Heading @($Markdown.Sections[$Section]) '### ' | Where-Object Name) {
        [pscustomobject]@{ Type = $item.Name; Description = @(ConvertTo-Paragraph @(Split-Fence $item.Lines)) }
    }
}

function Get-CmdletHelp($Command, $Markdown, $Shared, [hashtable] $KnownParameters, [System.Collections.Generic.List[string]] $Problems) {
    $file = $Markdown.File
    $say = { param($text) $Problems.Add("$($file): $text") }.GetNewClosure()
    $text = { param($name) @(ConvertTo-Paragraph @(Split-Fence @($Markdown.Sections[$name]))) }

    if ($Markdown.Title -ne $Command.Name) { & $say "the title must be '# $($Command.Name)', not '# $($Markdown.Title)'." }
    foreach ($name in $Markdown.Sections.Keys | Where-Object { $_ -notin $KnownSections }) {
        & $say $(if ($name -eq 'SYNTAX') { "'## SYNTAX' is made from the cmdlet; remove the section." } else { "'## $name' is not a known section ($($KnownSections -join ', '))." })
    }
    foreach ($name in $RequiredSections | Where-Object { -not $Markdown.Sections.Contains($_) }) { & $say "the '## $name' section is missing." }
    foreach ($name in 'SYNOPSIS', 'DESCRIPTION' | Where-Object { $Markdown.Sections.Contains($_) -and -not (& $text $_) }) { & $say "the '## $name' section is empty." }

    $described = Read-Parameters $Markdown $Problems
    foreach ($name in $described.Keys | Where-Object { $Shared.Contains($_) }) { & $say "-$name is described in $SharedFile; remove it here." }
    foreach ($name in $described.Keys | Where-Object { $_ -notin $Command.Parameters.Name }) { & $say "-$name is described, but $($Command.Name) has no such parameter." }
    $parameters = @(Merge-Parameter $Command $described $Shared $say | Sort-Object Order)

    $examples = @(Read-Example $Markdown $KnownParameters $say)
    if ($examples.Count -lt $MinimumExamples) { & $say "$($Command.Name) has $($examples.Count) example(s); at least $MinimumExamples are required." }

    $inputs = @(Read-TypeList $Markdown 'INPUTS')
    $outputs = @(Read-TypeList $Markdown 'OUTPUTS')
    if (-not $inputs) { & $say "'## INPUTS' lists no type ('### TypeName', or '### None')." }
    foreach ($type in $Command.OutputTypes | Where-Object { $_ -notin $outputs.Type }) { & $say "'## OUTPUTS' does not list $type, which the cmdlet declares." }

    $links = foreach ($line in @($Markdown.Sections['RELATED LINKS'])) {
        if ($line -match '\[([^\]]+)\]\(([^)]*)\)') {
            $linkText, $uri = $Matches[1], $Matches[2]
            [pscustomobject]@{ Text = $linkText; Uri = if ($uri -match '^https?://') { $uri } else { '' } }
        }
    }

    [pscustomobject]@{
        Command     = $Command
        Synopsis    = (& $text 'SYNOPSIS') -join ' '
        Description = & $text 'DESCRIPTION'
        Parameters  = $parameters
        Examples    = $examples
        Inputs      = $inputs
        Outputs     = $outputs
        Notes       = & $text 'NOTES'
        Links       = @($links)
    }
}

#endregion

#region MAML

$Namespaces = @{
    ''      = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Open-Element([string] $Name, [System.Collections.IDictionary] $Attributes = @{}) {
    $prefix, $local = if ($Name.Contains(':')) { $Name.Split(':', 2) } else { '', $Name }
    $Writer.WriteStartElement($prefix, $local, $Namespaces[$prefix])
    foreach ($key in $Attributes.Keys) { $Writer.WriteAttributeString($key, [string]$Attributes[$key]) }
}

function Close-Element { $Writer.WriteEndElement() }

function Write-Element([string] $Name, [string] $Text, [System.Collections.IDictionary] $Attributes = @{}) {
    Open-Element $Name $Attributes
    $Writer.WriteString($Text)
    Close-Element
}

function Write-Description([string[]] $Paragraphs, [string] $Name = 'maml:description') {
    Open-Element $Name
    foreach ($paragraph in $Paragraphs) { Write-Element 'maml:para' $paragraph }
    Close-Element
}

function Write-Parameter($Parameter, $Info, [switch] $Described) {
    # One command:parameter: in a syntax item ($Info: that set's Required/Position/Pipeline), or in the parameter
    # list with its description ($Info: the parameter's summary over its sets).
    $metadata = $Parameter.Metadata
    Open-Element 'command:parameter' ([ordered]@{
            required       = "$($Info.Required)".ToLowerInvariant()
            variableLength = 'true'
            globbing       = "$($metadata.Wildcards)".ToLowerInvariant()
            pipelineInput  = $Info.Pipeline
            position       = "$($Info.Position)".ToLowerInvariant()
            aliases        = if ($metadata.Aliases) { $metadata.Aliases -join ', ' } else { 'none' }
        })
    Write-Element 'maml:name' $metadata.Name
    if ($Described) { Write-Description $Parameter.Description }
    if (-not $metadata.IsSwitch) { Write-Element 'command:parameterValue' $metadata.Type ([ordered]@{ required = 'true'; variableLength = 'false' }) }
    Open-Element 'dev:type'
    Write-Element 'maml:name' $metadata.Type
    Close-Element
    Write-Element 'dev:defaultValue' $Parameter.Default
    Close-Element
}

function Write-Command($Help) {
    $command = $Help.Command
    Open-Element 'command:command'
    foreach ($prefix in 'maml', 'command', 'dev') { $Writer.WriteAttributeString('xmlns', $prefix, $null, $Namespaces[$prefix]) }

    Open-Element 'command:details'
    Write-Element 'command:name' $command.Name
    Write-Element 'command:verb' $command.Verb
    Write-Element 'command:noun' $command.Noun
    Write-Description @($Help.Synopsis)
    Close-Element
    Write-Description $Help.Description

    Open-Element 'command:syntax'
    foreach ($set in $command.Sets) {
        Open-Element 'command:syntaxItem'
        Write-Element 'maml:name' $command.Name
        # As Get-Command -Syntax: positional parameters by position, then mandatory ones, then the others.
        $ordered = $set.Parameters | Sort-Object @(
            { if ($_.Position -eq 'Named') { [int]::MaxValue } else { [int]$_.Position } }
            { -not $_.Required }
            { @($Help.Parameters.Metadata.Name).IndexOf($_.Name) }
        )
        foreach ($inSet in $ordered) {
            $info = [pscustomobject]@{ Required = $inSet.Required; Position = $inSet.Position; Pipeline = Format-Pipeline $inSet.ByPropertyName $inSet.ByValue }
            Write-Parameter ($Help.Parameters | Where-Object { $_.Metadata.Name -eq $inSet.Name }) $info
        }
        Close-Element
    }
    Close-Element

    Open-Element 'command:parameters'
    foreach ($parameter in $Help.Parameters) { Write-Parameter $parameter $parameter.Summary -Described }
    Close-Element

    foreach ($kind in @{ List = 'command:inputTypes'; Item = 'command:inputType'; Types = $Help.Inputs }, @{ List = 'command:returnValues'; Item = 'command:returnValue'; Types = $Help.Outputs }) {
        Open-Element $kind.List
        foreach ($type in $kind.Types) {
            Open-Element $kind.Item
            Open-Element 'dev:type'
            Write-Element 'maml:name' $type.Type
            Close-Element
            Write-Description $type.Description
            Close-Element
        }
        Close-Element
    }

    if ($Help.Notes) {
        Open-Element 'maml:alertSet'
        Write-Description $Help.Notes 'maml:alert'
        Close-Element
    }

    Open-Element 'command:examples'
    foreach ($example in $Help.Examples) {
        $dashes = '-' * [Math]::Max(1, [Math]::Floor((70 - $example.Title.Length) / 2))
        Open-Element 'command:example'
        Write-Element 'maml:title' "$dashes $($example.Title) $dashes"
        Write-Element 'dev:code' $example.Code
        Write-Description (@($example.Remarks) + '') 'dev:remarks'  # the empty paragraph separates the examples
        Close-Element
    }
    Close-Element

    Open-Element 'maml:relatedLinks'
    foreach ($link in $Help.Links) {
        Open-Element 'maml:navigationLink'
        Write-Element 'maml:linkText' $link.Text
        Write-Element 'maml:uri' $link.Uri
        Close-Element
    }
    Close-Element

    Close-Element
}

#endregion

$SourcePath = (Resolve-Path $SourcePath).ProviderPath
$ModulePath = (Resolve-Path $ModulePath).ProviderPath
$manifest = Join-Path $ModulePath 'EcrTools.psd1'
if (-not (Test-Path $manifest)) { throw "No EcrTools.psd1 in '$ModulePath': pass the built module folder (output/EcrTools/<version>) as -ModulePath." }

$commands = @(Get-CmdletMetadata $manifest | Sort-Object Name)
$problems = [System.Collections.Generic.List[string]]::new()
$knownParameters = @{}
foreach ($command in $commands) { $knownParameters[$command.Name] = @($command.AllNames) + $CommonParameters }

$sharedMarkdown = Read-HelpMarkdown (Join-Path $SourcePath $SharedFile)
$shared = Read-Parameters $sharedMarkdown $problems
foreach ($name in $shared.Keys) {
    foreach ($command in $commands | Where-Object { $name -notin $_.Parameters.Name }) { $problems.Add("$($SharedFile): -$name is described for every cmdlet, but $($command.Name) has no such parameter.") }
}

$pages = @{}
foreach ($file in Get-ChildItem $SourcePath -Filter '*.md' | Where-Object Name -NotIn 'README.md', $SharedFile) {
    if ($file.BaseName -notin $commands.Name) { $problems.Add("$($file.Name): the module has no cmdlet $($file.BaseName); remove the file or export the cmdlet."); continue }
    $pages[$file.BaseName] = Read-HelpMarkdown $file.FullName
}
$helps = foreach ($command in $commands) {
    if (-not $pages.ContainsKey($command.Name)) { $problems.Add("$($command.Name) has no help: add $($command.Name).md."); continue }
    Get-CmdletHelp $command $pages[$command.Name] $shared $knownParameters $problems
}
if (-not (Test-Path (Join-Path $SourcePath $AboutFile))) { $problems.Add("$AboutFile is missing.") }

if ($problems.Count) {
    # One line each on the host too: an error view may show the exception's message without its line breaks.
    foreach ($problem in $problems) { Write-Host "- $problem" -ForegroundColor Red }
    throw "The help in '$SourcePath' is not complete ($($problems.Count) problem(s)):`n- " + ($problems -join "`n- ")
}

$null = New-Item -ItemType Directory -Path $OutputPath -Force
$mamlPath = Join-Path (Resolve-Path $OutputPath).ProviderPath 'EcrTools.dll-Help.xml'
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$Writer = [System.Xml.XmlWriter]::Create($mamlPath, $settings)
try {
    $Writer.WriteStartDocument()
    Open-Element 'helpItems' ([ordered]@{ schema = 'maml' })
    foreach ($cmdletHelp in $helps) { Write-Command $cmdletHelp }
    Close-Element
    $Writer.WriteEndDocument()
}
finally {
    $Writer.Dispose()
}
Copy-Item (Join-Path $SourcePath $AboutFile) -Destination $OutputPath -Force
Write-Verbose "Help for $(@($helps).Count) cmdlet(s): $mamlPath"
